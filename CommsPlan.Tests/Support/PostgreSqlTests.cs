using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("CommsPlan.Tests.Support.ProviderAwareTestFramework", "CommsPlan.Tests")]

namespace CommsPlan.Tests.Support;

/// <summary>
/// Marks a test class whose tests run on PostgreSQL (the `OnPostgreSql` class of a provider-parameterised test
/// class). With <c>COMMSPLAN_TEST_POSTGRES=off</c> its tests are reported as skipped, never silently passed.
/// </summary>
public interface IOnPostgreSql;

/// <summary>The test PostgreSQL server: <c>COMMSPLAN_TEST_POSTGRES</c> holds its admin connection string.</summary>
public static class PostgreSqlTests
{
    public const string Variable = "COMMSPLAN_TEST_POSTGRES";

    private static string? Setting => Environment.GetEnvironmentVariable(Variable);

    /// <summary><c>COMMSPLAN_TEST_POSTGRES=off</c>: the PostgreSQL tests are skipped.</summary>
    public static bool Off => string.Equals(Setting?.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    public const string SkipReason = $"{Variable}=off: the PostgreSQL tests are skipped.";

    /// <summary>A superuser connection (to create and drop the tests' databases); fails with how to start a server.</summary>
    public static string AdminConnectionString
    {
        get
        {
            if (Off) throw new InvalidOperationException(SkipReason + " A test that is not marked IOnPostgreSql asked for PostgreSQL.");
            var value = Setting;
            if (string.IsNullOrWhiteSpace(value))
                throw new InvalidOperationException(
                    $"The PostgreSQL tests need a server and {Variable} is not set. Start a throw-away one with "
                    + "`tools/test-postgres.sh start /tmp/commsplan-pg` and run "
                    + $"`export {Variable}=\"$(cat /tmp/commsplan-pg/connection-string)\"` before `dotnet test` "
                    + $"(./test.sh does both), or set {Variable}=off to skip them.");
            return value;
        }
    }
}

/// <summary>
/// xunit 2 has no dynamic skip: this discoverer reports the tests of <see cref="IOnPostgreSql"/> classes as skipped
/// when <see cref="PostgreSqlTests.Off"/>, and discovers everything else as xunit does.
/// </summary>
public sealed class ProviderAwareTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sourceProvider, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sourceProvider, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (!PostgreSqlTests.Off || !typeof(IOnPostgreSql).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType())
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgreSqlTests.SkipReason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
