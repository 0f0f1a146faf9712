namespace FastCoverage.Cli;

/// <summary>A usage error found after parsing (conflicting or missing options); reported with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
