namespace Generator.Cli;

/// <summary>Exit codes scripts and the batch runner rely on.</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int Warnings = 1;
    public const int Errors = 2;
    public const int InternalError = 3;

    /// <summary>The command line itself was wrong (unknown command or option, missing argument): BSD's EX_USAGE.</summary>
    public const int Usage = 64;

    /// <summary>The machine, not the input: disk full, output folder read-only or missing, permission denied (batch, watch).</summary>
    public const int EnvironmentFault = 4;
}
