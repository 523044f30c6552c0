namespace CommsPlan.Tests.Support;

/// <summary>The test run's PostgreSQL server, started by ./test.sh (tools/test-postgres.sh).</summary>
public static class TestPostgres
{
    public const string Variable = "COMMSPLAN_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run ./test.sh, which starts a throw-away PostgreSQL server.");
}
