using System.Text.Json;
using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;
using FsCheck.Fluent;
using FsCheck;

namespace FastCoverage.Tests.IO;

public class JsonResultTests
{
    [Fact]
    public void Written_doubles_and_floats_read_back_exactly()
    {
        using var folder = new TempFolder();
        var cases = from n in Gen.Choose(0, 50)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            double[] values = Enumerable.Range(0, c.n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300))).ToArray();
            float[] floats = Enumerable.Range(0, c.n).Select(_ => (float)(random.NextDouble() - 0.5) * MathF.Pow(10, random.Next(-30, 30))).ToArray();
            string path = folder.File("r.json");
            JsonResult.Write(path, w =>
            {
                w.WriteString("method", "test");
                w.WriteStartArray("values");
                foreach (double v in values)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
                w.WriteStartArray("floats");
                foreach (float v in floats)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
            });
            Assert.Equal(values, JsonResult.ReadNumbers(path, "values"));
            Assert.Equal(floats, JsonResult.ReadNumbers(path, "floats").Select(v => (float)v).ToArray());
        }, maxTest: 30);
    }

    [Fact]
    public void Written_file_is_one_json_object_with_the_body_properties()
    {
        using var folder = new TempFolder();
        string path = folder.File("r.json");
        JsonResult.Write(path, w => w.WriteNumber("k", 3));
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.Equal(3, document.RootElement.GetProperty("k").GetInt32());
    }

    [Fact]
    public void NaN_is_refused_and_no_file_is_left_behind()
    {
        using var folder = new TempFolder();
        string path = folder.File("r.json");
        Assert.ThrowsAny<ArgumentException>(() => JsonResult.Write(path, w =>
        {
            w.WriteStartArray("values");
            w.WriteNumberValue(1.0);
            w.WriteNumberValue(double.NaN);
            w.WriteEndArray();
        }));
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void Bare_array_is_read_and_bad_content_is_refused_naming_the_file()
    {
        using var folder = new TempFolder();
        string Write(string name, string text)
        {
            string p = folder.File(name);
            File.WriteAllText(p, text);
            return p;
        }

        Assert.Equal([3.0, 1, 4], JsonResult.ReadNumbers(Write("bare.json", "[3, 1, 4]"), "indices"));
        string Fails(string p) => Assert.Throws<InvalidDataException>(() => JsonResult.ReadNumbers(p, "values")).Message;
        Assert.Contains("no top-level property 'values'", Fails(Write("a.json", "{\"indices\": [1]}")));
        Assert.Contains("element 1 of property 'values' is not a finite number", Fails(Write("b.json", "{\"values\": [1, \"x\"]}")));
        Assert.Contains("is a Number, not an array", Fails(Write("c.json", "{\"values\": 1}")));
        string broken = Fails(Write("d.json", "{\"values\": [1,\n 2"));
        Assert.Contains("d.json", broken);
        Assert.Contains("not valid JSON at line 2", broken);
    }
}
