// The nesting tests' child process (docs/security.md, "Import budgets"): the real preview, on Core's own service
// registration, of one hostile workbook between two previews of a good one. A reader that recursed per nesting level
// overflowed the stack, and a stack overflow ends the whole process whatever catches it: run here, it fails one test
// instead of killing the test host.
//
// Usage: dotnet CommsPlan.ImportProbe.dll <database file> <good workbook> <hostile workbook>
// Prints, one line each: "GOOD <answer>", "HOSTILE <answer>", "ALLOCATED <bytes>", "AFTER <answer>", where an answer is
// "REFUSED <message>" or "READ <rows> <bad rows>"; ALLOCATED is what the hostile preview allocated, the whole process
// counted (nothing else runs meanwhile).
using System.Text;
using CommsPlan.Core;
using CommsPlan.Tools;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 3)
{
    Console.Error.WriteLine("Usage: CommsPlan.ImportProbe <database file> <good workbook> <hostile workbook>");
    return 2;
}

Console.OutputEncoding = Encoding.UTF8;
await using var provider = await ProbeHost.StartAsync(args[0]);
var agencyId = await ProbeHost.AgencyIdAsync(provider, "STP");
var officer = new CurrentUser("probe", "tuphap", [Roles.AgencyOfficer], agencyId);
var importer = provider.GetRequiredService<ActivityImporter>();

async Task<string> PreviewAsync(string file)
{
    await using var stream = File.OpenRead(file);
    var preview = await importer.PreviewAsync(officer, stream);
    return preview.FileError is { } error ? $"REFUSED {error}" : $"READ {preview.Rows.Count} {preview.BadRows.Count}";
}

Console.WriteLine($"GOOD {await PreviewAsync(args[1])}");
var before = GC.GetTotalAllocatedBytes(precise: true);
var hostile = await PreviewAsync(args[2]);
var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
Console.WriteLine($"HOSTILE {hostile}");
Console.WriteLine($"ALLOCATED {allocated}");
Console.WriteLine($"AFTER {await PreviewAsync(args[1])}");
return 0;
