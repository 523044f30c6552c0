using System.Globalization;
using System.Text;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.PlanAuthoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data.Seeding;

/// <summary>
/// The demo's plan years up to the demo's "today" (never after it): in each, every active agency at work from 1 January,
/// about 3,000 activities by 20 October with seasonal rhythm on the channels each kind of agency really uses (later
/// years a little more online), unit plans for the agencies NV1 binds (most on time, some late, a few missing; targets
/// that put some on track and some behind), commendations, open and answered difficulties and the period reports of
/// the quarters closed. Deterministic: fixed seeds and the catalogue in a fixed order give the same data on every fresh
/// database. Does nothing once any activity exists.
/// </summary>
public static class DemoDataSeeder
{
    public const int RandomSeed = 20_210_204;

    /// <summary>The demo officers' user names by agency code; other agencies' records are created by "demo".</summary>
    public static readonly IReadOnlyDictionary<string, string> OfficerUserNames =
        new Dictionary<string, string> { ["STP"] = "tuphap", ["DAITU"] = "daitu", ["BAOTN"] = "baotn" };

    /// <summary>
    /// The demo's signers and agency mailboxes (the reserved .example domain, so no demo mail can reach anyone): a few
    /// agencies have a mailbox, most have neither a mailbox nor an officer, as in 2021 (the Đôn đốc list says "chưa có email").
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Signer, string Email)> DemoSigners =
        new Dictionary<string, (string, string)>
        {
            ["VPUBND"] = ("Đỗ Văn Chánh", "kstt.vpubnd@thainguyen.example"),
            ["STP"] = ("Lê Văn Giám", "vanthu.stp@thainguyen.example"),
            ["SNV"] = ("Ngô Thị Nội", "vanthu.snv@thainguyen.example"),
            ["SYT"] = ("", "vanthu.syt@thainguyen.example"),
            ["TPTN"] = ("", "vanthu.tptn@thainguyen.example"),
            ["DAITU"] = ("Hoàng Văn Chủ", ""),
            ["BAOTN"] = ("Phạm Văn Biên", ""),
        };

    public const string DemoUserName = "demo";
    public const string OfficeUserName = "giamsat";

    /// <summary>
    /// Seeds the demo's plan years up to the demo's "today": each finished year complete, then the next year's plan made
    /// and issued as the Office would (copied by the app, with its changes), and the running year up to today. The year
    /// after the running one is left a draft. Nothing happens once any activity exists.
    /// </summary>
    public static async Task SeedAsync(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, CancellationToken ct = default)
    {
        var today = time.Today();
        Plan? plan;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Activities.AnyAsync(ct)) return;
            // The first issued plan: on a fresh database, Plan 20/KH-UBND.
            plan = await db.Plans.AsNoTracking().Where(p => p.IsIssued).OrderBy(p => p.PeriodStart).FirstOrDefaultAsync(ct);
        }
        if (plan is null) return;

        for (var yearsAfterFirst = 0; ; yearsAfterFirst++)
        {
            if (!await SeedYearAsync(factory, time, plan, yearsAfterFirst, ct)) return;
            if (today <= plan.PeriodEnd) break;
            plan = await IssueNextYearAsync(factory, time, plan, yearsAfterFirst + 1, ct);
        }

        await using var last = await factory.CreateForAsync(CurrentUser.System, time, ct);
        if (!await last.Plans.AnyAsync(p => p.Year > plan.Year, ct)) await WithDemoChangesAsync(last, await PlanCopier.CreateNextYearAsync(last, ct), ct);
    }

    /// <summary>The random seed of a year's records: the first year keeps <see cref="RandomSeed"/>, so its figures never move.</summary>
    private static int SeedOf(int yearsAfterFirst) => RandomSeed + 100 * yearsAfterFirst;

    /// <summary>One plan year's records from its first day up to today or its last day; false when there is nothing to seed.</summary>
    private static async Task<bool> SeedYearAsync(
        IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, Plan plan, int yearsAfterFirst, CancellationToken ct)
    {
        await using var db = await factory.CreateForAsync(CurrentUser.System, time, ct);
        var today = time.Today();
        var lastDay = today < plan.PeriodEnd ? today : plan.PeriodEnd;
        if (lastDay < plan.PeriodStart) return false;

        var world = new World
        {
            Plan = plan,
            LastDay = lastDay,
            Today = today,
            YearsAfterFirst = yearsAfterFirst,
            Agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).ThenBy(a => a.Code).ToListAsync(ct),
            Channels = await db.Channels.AsNoTracking().Where(c => c.IsActive && c.FormGroup!.PlanId == plan.Id).ToDictionaryAsync(c => c.Code, ct),
            // Tracked: activities link to these rows through the many-to-many join tables.
            Objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).OrderBy(o => o.SortOrder).ToListAsync(ct),
            Themes = await db.Themes.Where(t => t.PlanId == plan.Id).OrderBy(t => t.SortOrder).ToListAsync(ct),
            Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct),
            Nv1 = await db.Assignments.AsNoTracking().UnitPlanAssignmentOf(plan.Id).FirstOrDefaultAsync(ct),
        };
        if (world.Agencies.Count == 0 || world.Objectives.Count == 0 || world.Themes.Count == 0) return false;

        if (yearsAfterFirst == 0)
        {
            foreach (var agency in await db.Agencies.Where(a => DemoSigners.Keys.Contains(a.Code)).ToListAsync(ct))
            {
                (agency.SignerName, agency.ContactEmail) = DemoSigners[agency.Code];
            }
        }

        var seed = SeedOf(yearsAfterFirst);
        var activities = new ActivityMaker(world, new Random(seed)).Make();
        db.Activities.AddRange(activities);
        db.UnitPlans.AddRange(MakeUnitPlans(world, activities, new Random(seed + 1)));
        db.Commendations.AddRange(MakeCommendations(world, activities, new Random(seed + 2)));
        db.Difficulties.AddRange(MakeDifficulties(world, new Random(seed + 3)));
        db.PeriodReports.AddRange(MakePeriodReports(world, new Random(seed + 4)));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The code of the channel the demo's next-year plan adds (social media pages of agencies).</summary>
    public const string SocialMediaChannelCode = "MXH";

    /// <summary>
    /// The plan of the year after <paramref name="previous"/>, issued: made as the Office would make it (copied by the app
    /// with the demo's changes, numbered, dated in January) and issued through the plans page's own rule (Ban hành).
    /// </summary>
    private static async Task<Plan> IssueNextYearAsync(
        IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, Plan previous, int yearsAfterFirst, CancellationToken ct)
    {
        var year = previous.Year + 1;
        await using (var db = await factory.CreateForAsync(CurrentUser.System, time, ct))
        {
            if (!await db.Plans.AnyAsync(p => p.Year == year, ct)) await WithDemoChangesAsync(db, await PlanCopier.CreateAsync(db, year, ct), ct);
        }

        Plan next;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            next = await db.Plans.AsNoTracking().SingleAsync(p => p.Year == year, ct);
            if (next.IsIssued) return next;
            var rng = new Random(SeedOf(yearsAfterFirst) + 5);
            var header = PlanHeaderInput.From(next);
            if (PlanCopier.IsPlaceholderNumber(header.Number))
            {
                var taken = await db.Plans.Select(p => p.Number).ToListAsync(ct);
                do header.Number = $"{rng.Next(5, 41)}/KH-UBND"; while (taken.Contains(header.Number));
            }
            // Signed in the first weeks of January, on a working day: the plan of a year is issued as it begins.
            var issuedOn = new DateOnly(year, 1, rng.Next(10, 22));
            while (issuedOn.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) issuedOn = issuedOn.AddDays(-1);
            header.IssuedOn = issuedOn;
            var editor = new PlanEditingService(factory, new PlanHeaderInputValidator(), new PlanItemInputValidator(), new ChannelInputValidator(), time);
            await editor.UpdateHeaderAsync(CurrentUser.System, next.Id, header, ct);
            var version = await db.Plans.Where(p => p.Id == next.Id).Select(p => p.Version).SingleAsync(ct);
            await editor.IssueAsync(CurrentUser.System, next.Id, version, ct);
        }
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            return await db.Plans.AsNoTracking().SingleAsync(p => p.Id == next.Id, ct);
        }
    }

    /// <summary>
    /// Next year's plan as the Office would start it from a copy made by the app's own copier (Tạo kế hoạch năm mới): one
    /// new channel and one assignment's deadline moved, as a new year's plan usually differs from the last. It stays a
    /// draft here (so it is never the default and no figure of the running year moves) until the demo's today has reached
    /// its year.
    /// </summary>
    private static async Task WithDemoChangesAsync(CommsPlanDbContext db, Plan draft, CancellationToken ct)
    {
        if (draft.FormGroups.FirstOrDefault(g => g.Code == "HT1") is { } massMedia
            && draft.FormGroups.SelectMany(g => g.Channels).All(c => c.Code != SocialMediaChannelCode))
        {
            massMedia.Channels.Add(new Channel
            {
                Code = SocialMediaChannelCode,
                Name = "Trang mạng xã hội của đơn vị",
                Unit = "tin, bài",
                SortOrder = draft.FormGroups.SelectMany(g => g.Channels).Max(c => c.SortOrder) + 1,
            });
        }
        // The unit plans of the new year are due earlier: by the end of February instead of the end of the first quarter.
        if (draft.UnitPlanAssignment() is { Deadline: not null } nv1)
            nv1.Deadline = new DateOnly(draft.Year, 2, 28);
        await db.SaveChangesAsync(ct);
    }

    private sealed class World
    {
        public required Plan Plan { get; init; }
        /// <summary>The last day records of this plan are dated on: the demo's today, or the plan's last day when it is over.</summary>
        public required DateOnly LastDay { get; init; }
        /// <summary>The demo's today: a finished year's reports and answers may come after its last day.</summary>
        public required DateOnly Today { get; init; }
        /// <summary>Whether the plan's period is over on the demo's today.</summary>
        public bool Finished => Today > Plan.PeriodEnd;

        /// <summary>0 for the demo's first plan year, 1 for the next one, …</summary>
        public required int YearsAfterFirst { get; init; }
        public required List<Agency> Agencies { get; init; }
        public required Dictionary<string, Channel> Channels { get; init; }
        public required List<Objective> Objectives { get; init; }
        public required List<ContentTheme> Themes { get; init; }
        public required List<District> Districts { get; init; }
        public Assignment? Nv1 { get; init; }

        /// <summary>The demo's wording, written for the first plan (2021, Plan 20/KH-UBND), told of this plan's year and number.</summary>
        public string ForYear(string text) => YearsAfterFirst == 0 ? text
            : text.Replace(Plan2021Catalogue.PlanNumber, Plan.Number, StringComparison.Ordinal)
                .Replace(DemoTexts.FirstYear, Plan.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        /// <summary>A district committee's own area (the codes match), or null.</summary>
        public District? HomeDistrict(Agency agency) =>
            agency.Kind == AgencyKind.DistrictCommittee ? Districts.FirstOrDefault(d => d.Code == agency.Code) : null;
    }

    private sealed class ActivityMaker(World world, Random rng)
    {
        /// <summary>Brings the catalogue's monthly rates to about 3,000 activities by 20 October.</summary>
        private const double Scale = 1.0;
        private int _serial = 1000;

        public List<Activity> Make()
        {
            var result = new List<Activity>();
            var start = world.Plan.PeriodStart;
            var season = world.YearsAfterFirst == 0 ? DemoTexts.Season : DemoTexts.LaterSeason;
            foreach (var agency in world.Agencies)
            {
                var rates = DemoTexts.RatesFor(agency.Code, agency.Kind, world.YearsAfterFirst).Where(r => world.Channels.ContainsKey(r.Channel)).ToList();
                var activity = DemoTexts.Activity(agency.Code);
                for (var month = new DateOnly(start.Year, start.Month, 1); month <= world.LastDay; month = month.AddMonths(1))
                {
                    var first = month < start ? start : month;
                    var last = month.AddMonths(1).AddDays(-1);
                    if (last > world.LastDay) last = world.LastDay;
                    var share = (double)(last.DayNumber - first.DayNumber + 1) / DateTime.DaysInMonth(month.Year, month.Month);
                    foreach (var rate in rates)
                    {
                        var expected = rate.PerMonth * activity * season[month.Month - 1] * share * Scale;
                        var count = Poisson(expected);
                        for (var i = 0; i < count; i++)
                            result.Add(Build(agency, world.Channels[rate.Channel], Day(agency, first, last)));
                    }
                }
            }
            foreach (var (code, month, title) in DemoTexts.Contests)
            {
                var agency = world.Agencies.FirstOrDefault(a => a.Code == code);
                var date = new DateOnly(world.Plan.PeriodStart.Year, month, 5);
                if (agency is null || date > world.LastDay || !world.Channels.TryGetValue("CUOCTHI", out var contest)) continue;
                var activity = Build(agency, contest, date, world.ForYear(title));
                var end = date.AddDays(45);
                activity.EndDate = end > world.LastDay ? world.LastDay : end;
                result.Add(activity);
            }
            return result;
        }

        private Activity Build(Agency agency, Channel channel, DateOnly date, string? fixedTitle = null)
        {
            var (objectiveWeights, themeWeights) = DemoTexts.Weights(agency.Kind);
            var objectives = PickWeighted(world.Objectives, objectiveWeights, rng.NextDouble() < 0.3 ? 2 : 1);
            var themes = PickWeighted(world.Themes, themeWeights, rng.NextDouble() < 0.35 ? 2 : 1);
            var district = world.HomeDistrict(agency) ?? (rng.NextDouble() < DistrictChance(agency, channel.Code)
                ? world.Districts[rng.Next(world.Districts.Count)] : null);
            var template = fixedTitle ?? TitleTemplate(agency, channel.Code, world.Themes.IndexOf(themes[0]));
            if (template.Contains("{D") && district is null && world.Districts.Count > 0)
                district = world.Districts[rng.Next(world.Districts.Count)];
            var title = Fill(world.ForYear(template), agency, district, date);

            var (quantity, second, cost) = Measures(agency, channel.Code);
            var activity = new Activity
            {
                AgencyId = agency.Id,
                ChannelId = channel.Id,
                Title = title,
                Description = Description(agency, channel.Code, quantity),
                StartDate = date,
                EndDate = EndDate(channel.Code, date),
                Quantity = quantity,
                SecondMeasure = channel.HasSecondMeasure ? second : null,
                Objectives = objectives,
                Themes = themes,
                DistrictId = district?.Id,
                EvidenceUrl = Evidence(agency, channel.Code, title),
                Cost = cost,
                FundingSource = cost is null ? null
                    : world.ForYear(agency.Kind == AgencyKind.Media ? DemoTexts.MediaFunding : DemoTexts.Funding[rng.Next(DemoTexts.Funding.Length)]),
                Notes = rng.NextDouble() < 0.05 ? "Số liệu tổng hợp theo báo cáo tháng của đơn vị." : null,
                CreatedBy = UserFor(agency),
                CreatedAt = Stamp(date, rng.Next(0, 9 * 60)),
            };
            return activity;
        }

        private double DistrictChance(Agency agency, string channel) => channel switch
        {
            "BAO" or "PTTH" => 0.4,
            "CONG" => 0.25,
            "HOINGHI" or "TAPHUAN" => agency.Kind == AgencyKind.Department ? 0.2 : 0,
            "WEB" => agency.Kind == AgencyKind.Department ? 0.1 : 0,
            _ => 0,
        };

        private string TitleTemplate(Agency agency, string channel, int theme)
        {
            string[] pool = channel switch
            {
                "HOINGHI" => DemoTexts.Conferences,
                "TAPHUAN" => DemoTexts.Trainings,
                "TAILIEU" => DemoTexts.Guides,
                "PANO" => DemoTexts.Billboards,
                "BANGRON" => DemoTexts.Banners,
                "KHAUHIEU" => DemoTexts.Slogans,
                "TOROI" => DemoTexts.Leaflets,
                "APPHICH" => DemoTexts.Posters,
                "CUOCTHI" => ["Cuộc thi tìm hiểu về cải cách thủ tục hành chính"],
                _ => [],
            };
            if (pool.Length > 0) return pool[rng.Next(pool.Length)];

            var headlines = DemoTexts.Headlines[Math.Clamp(theme, 0, DemoTexts.Headlines.Length - 1)];
            var headline = theme == 2 && DemoTexts.FieldHeadline(agency.Code) is { } field && rng.NextDouble() < 0.6
                ? field
                : headlines[rng.Next(headlines.Length)];
            // A headline that already has a colon reads badly behind a "Chuyên mục: " frame.
            var frames = headline.Contains(':') ? ["{H}"] : DemoTexts.Frames.GetValueOrDefault(channel) ?? ["{H}"];
            return frames[rng.Next(frames.Length)].Replace("{H}", headline);
        }

        private static string Fill(string template, Agency agency, District? district, DateOnly date)
        {
            var previous = date.AddMonths(-1);
            var text = template
                .Replace("{M}", $"{previous.Month}/{previous.Year}")
                .Replace("{A}", agency.Name);
            if (district is not null)
            {
                text = text.Replace("{Dc}:", district.Name + ":").Replace("{D}", LowerFirst(district.Name));
            }
            return text;
        }

        private (int Quantity, long? Second, long? Cost) Measures(Agency agency, string channel)
        {
            int q;
            switch (channel)
            {
                case "BAO":
                    q = rng.NextDouble() < 0.9 ? 1 : rng.Next(2, 4);
                    return (q, null, Thousands(q * rng.Next(800, 1600) * 1_000L));
                case "PTTH":
                    return (1, rng.Next(5, 31), Thousands(rng.Next(3_000, 12_000) * 1_000L));
                case "TTCS":
                    q = rng.Next(8, 41);
                    return (q, q * rng.Next(5, 11), rng.NextDouble() < 0.4 ? Thousands(q * 50_000L) : null);
                case "CONG":
                case "WEB":
                case SocialMediaChannelCode:
                    return (rng.NextDouble() < 0.8 ? 1 : rng.Next(2, 4), null, null);
                case "TAILIEU":
                    q = rng.Next(1, 3);
                    var copies = rng.Next(2, 31) * 50;
                    return (q, copies, Thousands(copies * rng.Next(15, 31) * 1_000L));
                case "HOINGHI":
                    var people = rng.Next(8, 51) * 5;
                    return (1, people, Thousands(people * rng.Next(100, 201) * 1_000L));
                case "CUOCTHI":
                    return (1, rng.Next(5, 81) * 100, Thousands(rng.Next(40, 151) * 1_000_000L));
                case "TAPHUAN":
                    var trainees = rng.Next(6, 25) * 5;
                    return (1, trainees, Thousands(trainees * rng.Next(250, 401) * 1_000L));
                case "PANO":
                    q = rng.Next(1, 4);
                    return (q, null, Thousands(q * rng.Next(4_000, 12_001) * 1_000L));
                case "BANGRON":
                    q = rng.Next(5, 41);
                    return (q, null, Thousands(q * rng.Next(150, 301) * 1_000L));
                case "KHAUHIEU":
                    q = rng.Next(5, 31);
                    return (q, null, Thousands(q * rng.Next(100, 251) * 1_000L));
                case "TOROI":
                    q = agency.Kind == AgencyKind.ProvincialOffice ? rng.Next(6, 31) * 500 : rng.Next(5, 31) * 100;
                    return (q, null, Thousands(q * (long)rng.Next(1_200, 2_501)));
                case "APPHICH":
                    q = rng.Next(5, 41) * 10;
                    return (q, null, Thousands(q * rng.Next(8, 16) * 1_000L));
                default:
                    return (1, null, null);
            }
        }

        private static long Thousands(long dong) => dong / 1_000 * 1_000;

        private string? Description(Agency agency, string channel, int quantity) => channel switch
        {
            "HOINGHI" => $"Chủ trì: {agency.Name}. Thành phần: lãnh đạo, công chức các phòng chuyên môn và cán bộ đầu mối kiểm soát TTHC.",
            "TAPHUAN" => $"{agency.Name} tổ chức; giảng viên là công chức Phòng Kiểm soát TTHC, Văn phòng UBND tỉnh.",
            "TTCS" => $"Phát {quantity} lượt trên hệ thống loa truyền thanh cơ sở.",
            "TOROI" => "In và phát hành tại Bộ phận Một cửa và các điểm sinh hoạt cộng đồng.",
            _ => rng.NextDouble() < 0.1 ? "Phối hợp với các cơ quan báo chí của tỉnh thực hiện." : null,
        };

        private DateOnly? EndDate(string channel, DateOnly start)
        {
            var days = channel switch
            {
                "TAPHUAN" => rng.Next(0, 3),
                "HOINGHI" => rng.NextDouble() < 0.15 ? 1 : 0,
                "PANO" or "BANGRON" or "KHAUHIEU" => rng.Next(10, 31),
                "TTCS" => rng.Next(5, 21),
                _ => 0,
            };
            if (days == 0) return null;
            var end = start.AddDays(days);
            return end > world.LastDay ? (world.LastDay > start ? world.LastDay : null) : end;
        }

        private string? Evidence(Agency agency, string channel, string title)
        {
            var chance = channel switch
            {
                "BAO" or "PTTH" or "CONG" or "WEB" or SocialMediaChannelCode => 0.95,
                "HOINGHI" or "TAPHUAN" or "CUOCTHI" => 0.6,
                "TAILIEU" => 0.5,
                "TTCS" => 0.3,
                _ => 0.25,
            };
            if (rng.NextDouble() >= chance) return null;
            var slug = Slug(title);
            var serial = ++_serial;
            return channel switch
            {
                "BAO" => $"https://baothainguyen.vn/tin-tuc/{slug}-{serial}.html",
                "PTTH" => $"https://thainguyentv.vn/{slug}-{serial}.htm",
                "CONG" => $"https://thainguyen.gov.vn/tin-tuc/{slug}-{serial}",
                SocialMediaChannelCode => $"https://www.facebook.com/{SocialPage(agency)}/posts/{serial}",
                _ => $"https://{Domain(agency)}/tin-tuc/{slug}-{serial}",
            };
        }

        private DateOnly Day(Agency agency, DateOnly first, DateOnly last)
        {
            var day = first.AddDays(rng.Next(0, last.DayNumber - first.DayNumber + 1));
            if (agency.Kind == AgencyKind.Media) return day;
            // Offices work on weekdays: weekend entries move to the Friday before (or the Monday after).
            var weekday = day;
            while (weekday.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) weekday = weekday.AddDays(-1);
            if (weekday >= first) return weekday;
            weekday = day;
            while (weekday.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) weekday = weekday.AddDays(1);
            return weekday <= last ? weekday : day;
        }

        private int Poisson(double mean)
        {
            if (mean <= 0) return 0;
            var limit = Math.Exp(-mean);
            var k = 0;
            var p = rng.NextDouble();
            while (p > limit)
            {
                k++;
                p *= rng.NextDouble();
            }
            return k;
        }

        private List<T> PickWeighted<T>(List<T> items, double[] weights, int count)
        {
            var pool = items.Select((item, i) => (item, weight: i < weights.Length ? weights[i] : 0.1)).ToList();
            var picked = new List<T>();
            while (picked.Count < count && pool.Count > 0)
            {
                var roll = rng.NextDouble() * pool.Sum(p => p.weight);
                var index = 0;
                while (index < pool.Count - 1 && roll >= pool[index].weight)
                {
                    roll -= pool[index].weight;
                    index++;
                }
                picked.Add(pool[index].item);
                pool.RemoveAt(index);
            }
            // Keep the catalogue's order (MĐ1 before MĐ3) whatever order they were drawn in.
            return picked.OrderBy(items.IndexOf).ToList();
        }
    }

    private static List<UnitPlan> MakeUnitPlans(World world, List<Activity> activities, Random rng)
    {
        var result = new List<UnitPlan>();
        if (world.Nv1 is null) return result;
        var bound = world.Agencies.Where(a => world.Nv1.Binds.HasFlag(a.Kind.AsFlag())).ToList();
        var order = bound.OrderBy(_ => rng.Next()).ToList();
        var deadline = world.Nv1.Deadline ?? new DateOnly(world.Plan.PeriodStart.Year, 3, 31);
        var elapsed = world.Plan.ElapsedShare(world.LastDay);
        var firstDay = world.Plan.IssuedOn.AddDays(6);
        var onDeadline = 0;

        // A few missing (one in ten), some late in April–May (one in six), most on time.
        var missingCount = Math.Max(1, (int)Math.Round(order.Count * 0.1));
        var lateCount = Math.Max(1, (int)Math.Round(order.Count * 0.17));
        for (var i = 0; i < order.Count; i++)
        {
            var agency = order[i];
            var missing = i < missingCount;
            var late = !missing && i < missingCount + lateCount;
            var behind = rng.NextDouble() < 0.35;
            DateOnly issuedOn;
            if (late)
            {
                issuedOn = deadline.AddDays(rng.Next(5, 56));
            }
            else if (!missing && onDeadline < 3)
            {
                issuedOn = deadline; // the last-day rush
                onDeadline++;
            }
            else
            {
                issuedOn = firstDay.AddDays(rng.Next(0, Math.Max(1, deadline.DayNumber - firstDay.DayNumber)));
            }
            var number = rng.Next(8, 97);
            if (missing || issuedOn > world.LastDay) continue;

            var suffix = DemoTexts.DocumentSuffix(agency.Code, agency.Kind);
            var plan = new UnitPlan
            {
                PlanId = world.Plan.Id,
                AgencyId = agency.Id,
                DocumentNumber = $"{number}/KH-{suffix}",
                IssuedOn = issuedOn,
                Link = rng.NextDouble() < 0.8
                    ? $"https://{Domain(agency)}/van-ban/ke-hoach-so-{number}-kh-{Slug(suffix)}-ngay-{issuedOn:dd-MM-yyyy}"
                    : null,
                Notes = late ? $"Ban hành chậm so với yêu cầu tại Kế hoạch số {world.Plan.Number}." : null,
                CreatedBy = UserFor(agency),
                CreatedAt = Stamp(Min(issuedOn.AddDays(rng.Next(0, 4)), world.LastDay), rng.Next(0, 8 * 60)),
            };

            var done = activities.Where(a => a.AgencyId == agency.Id)
                .GroupBy(a => a.ChannelId)
                .Select(g => (ChannelId: g.Key, Quantity: g.Sum(a => a.Quantity)))
                .OrderBy(g => g.ChannelId)
                .ToList();
            foreach (var (channelId, quantity) in done)
            {
                var factor = behind ? 1.35 + rng.NextDouble() * 0.45 : 0.8 + rng.NextDouble() * 0.2;
                plan.Targets.Add(new UnitPlanTarget { ChannelId = channelId, Quantity = Nice(quantity / Math.Max(elapsed, 0.05) * factor) });
            }
            if (behind)
            {
                // A target on a channel the agency has not used at all: plainly behind there.
                var unused = new[] { "HOINGHI", "TAPHUAN", "PANO" }
                    .Select(code => world.Channels.GetValueOrDefault(code))
                    .FirstOrDefault(c => c is not null && done.All(d => d.ChannelId != c.Id));
                if (unused is not null) plan.Targets.Add(new UnitPlanTarget { ChannelId = unused.Id, Quantity = 2 });
            }
            result.Add(plan);
        }
        return result;
    }

    private static List<Commendation> MakeCommendations(World world, List<Activity> activities, Random rng)
    {
        var result = new List<Commendation>();
        var from = new DateOnly(world.Plan.PeriodStart.Year, 3, 1);
        if (world.LastDay < from || world.Districts.Count == 0) return result;
        var nd4 = world.Themes.FirstOrDefault(t => t.Code == "ND4");
        // Exemplary people are featured in news items and broadcasts, not on banners.
        var media = new[] { "BAO", "PTTH", "CONG", "WEB", "TTCS", SocialMediaChannelCode }
            .Select(code => world.Channels.GetValueOrDefault(code)?.Id).OfType<int>().ToHashSet();
        foreach (var agency in world.Agencies)
        {
            var count = agency.Kind switch
            {
                AgencyKind.Media => rng.Next(7, 11),
                AgencyKind.DistrictCommittee => rng.Next(2, 6),
                AgencyKind.ServiceCentre => rng.Next(3, 5),
                AgencyKind.ProvincialOffice => rng.Next(1, 3),
                _ => rng.Next(0, 4),
            };
            for (var i = 0; i < count; i++)
            {
                var date = from.AddDays(rng.Next(0, world.LastDay.DayNumber - from.DayNumber + 1));
                var kind = rng.NextDouble() < 0.6 ? CommendationKind.Individual : CommendationKind.Collective;
                var district = world.HomeDistrict(agency) ?? world.Districts[rng.Next(world.Districts.Count)];
                var communes = DemoTexts.Communes.GetValueOrDefault(district.Code) ?? ["trung tâm"];
                var commune = communes[rng.Next(communes.Length)];
                var place = $"{commune}, {LowerFirst(district.Name)}";
                var recipient = kind == CommendationKind.Individual
                    ? $"{Person(rng)}, {IndividualRole(agency, place, district, rng)}"
                    : CollectiveName(agency, place, district, rng);
                var featured = nd4 is null ? null : activities
                    .Where(a => a.AgencyId == agency.Id && a.StartDate <= date && media.Contains(a.ChannelId) && a.Themes.Contains(nd4))
                    .OrderByDescending(a => a.StartDate).FirstOrDefault();
                result.Add(new Commendation
                {
                    AgencyId = agency.Id,
                    Kind = kind,
                    Recipient = recipient,
                    Achievement = Achievement(world, date, rng),
                    Date = date,
                    Activity = featured is not null && rng.NextDouble() < 0.6 ? featured : null,
                    CreatedBy = UserFor(agency),
                    CreatedAt = Stamp(date, rng.Next(0, 8 * 60)),
                });
            }
        }
        return result;
    }

    private static List<Difficulty> MakeDifficulties(World world, Random rng)
    {
        var result = new List<Difficulty>();
        var from = new DateOnly(world.Plan.PeriodStart.Year, 3, 1);
        if (world.LastDay < from || world.Districts.Count == 0) return result;
        var raisers = world.Agencies.Where(a => a.Kind != AgencyKind.ProvincialOffice).ToList();
        if (raisers.Count == 0) return result;
        var mediaOnly = DemoTexts.Difficulties.Length - 1; // the last one is the press's
        var seen = new HashSet<(int, int)>();
        var span = world.LastDay.DayNumber - from.DayNumber + 1;
        for (var attempts = 0; result.Count < 45 && attempts < 500; attempts++)
        {
            var agency = raisers[rng.Next(raisers.Count)];
            var template = agency.Kind == AgencyKind.Media && rng.NextDouble() < 0.5 ? mediaOnly : rng.Next(mediaOnly);
            if (!seen.Add((agency.Id, template))) continue;
            var (title, content, answer) = DemoTexts.Difficulties[template];
            (content, answer) = (world.ForYear(content), world.ForYear(answer));
            var district = world.HomeDistrict(agency) ?? world.Districts[rng.Next(world.Districts.Count)];
            var raisedOn = from.AddDays(rng.Next(0, span));
            // A finished year's difficulties have all been answered, those of its last weeks after its end.
            var waited = world.LastDay.DayNumber - raisedOn.DayNumber;
            var answered = world.Finished || (waited > 20 ? rng.NextDouble() < 0.8 : waited > 5 && rng.NextDouble() < 0.4);
            var difficulty = new Difficulty
            {
                AgencyId = agency.Id,
                Title = title,
                Content = content.Replace("{D}", LowerFirst(district.Name)),
                RaisedOn = raisedOn,
                Status = DifficultyStatus.Open,
                CreatedBy = UserFor(agency),
                CreatedAt = Stamp(raisedOn, rng.Next(0, 8 * 60)),
            };
            if (answered)
            {
                var answeredOn = Min(raisedOn.AddDays(rng.Next(3, 21)), world.Today);
                difficulty.Status = DifficultyStatus.Answered;
                difficulty.Answer = answer;
                difficulty.AnsweredOn = answeredOn;
                difficulty.AnsweredBy = OfficeUserName;
                difficulty.UpdatedBy = OfficeUserName;
                difficulty.UpdatedAt = Stamp(answeredOn, rng.Next(0, 8 * 60));
                difficulty.Version = 2;
            }
            result.Add(difficulty);
        }
        return result;
    }

    /// <summary>
    /// The reporting cycle of the quarters already closed: most agencies reported, mostly on time, older quarters
    /// mostly accepted. The demo officers show each state: Sở Tư pháp has not sent Quý I nor Quý III (the browser
    /// test sends Quý I), UBND huyện Đại Từ's Quý III waits for review, Báo Thái Nguyên's was sent back.
    /// </summary>
    private static List<PeriodReport> MakePeriodReports(World world, Random rng)
    {
        var result = new List<PeriodReport>();
        var dueDays = new ReportingOptions().DueDays;
        var closed = PeriodReportRules.PeriodsOf(world.Plan.Year).Where(p => p.CutOff <= world.LastDay).ToList();
        foreach (var agency in world.Agencies)
        {
            foreach (var period in closed)
            {
                var due = period.DueDate(dueDays);
                var older = period.Number < closed.Count;
                PeriodReportStatus? status = (agency.Code, period.Number) switch
                {
                    // A finished year's cycle is closed: every report sent was reviewed and accepted, the officers' included.
                    _ when world.Finished && OfficerUserNames.ContainsKey(agency.Code) => PeriodReportStatus.Accepted,
                    ("STP", 2) => PeriodReportStatus.Accepted,
                    ("STP", _) => null,
                    ("DAITU", 3) => PeriodReportStatus.Submitted,
                    ("BAOTN", 3) => PeriodReportStatus.SentBack,
                    ("DAITU" or "BAOTN", _) => PeriodReportStatus.Accepted,
                    _ when rng.NextDouble() > (period.Number switch { 1 => 0.92, 2 => 0.86, _ => 0.72 }) => null,
                    _ when world.Finished => PeriodReportStatus.Accepted,
                    _ when older => rng.NextDouble() < 0.9 ? PeriodReportStatus.Accepted : PeriodReportStatus.Submitted,
                    _ => rng.NextDouble() < 0.5 ? PeriodReportStatus.Accepted : PeriodReportStatus.Submitted,
                };
                if (status is not { } reached) continue;
                // Most send within the due days; some a week or two late.
                var sent = period.CutOff.AddDays(rng.NextDouble() < 0.8 ? rng.Next(0, dueDays + 1) : rng.Next(dueDays + 1, dueDays + 16));
                if (sent > world.Today) sent = world.Today;
                var reviewed = Min(sent.AddDays(rng.Next(1, 7)), world.Today);
                var report = new PeriodReport
                {
                    AgencyId = agency.Id,
                    PeriodKey = period.Key,
                    Status = reached,
                    Commentary = DemoTexts.ReportCommentaries[rng.Next(DemoTexts.ReportCommentaries.Length)],
                    SubmittedOn = sent,
                    FirstSubmittedOn = sent,
                    SubmittedBy = UserFor(agency),
                    CreatedBy = UserFor(agency),
                    CreatedAt = Stamp(sent, rng.Next(0, 8 * 60)),
                    Version = 1,
                };
                if (reached != PeriodReportStatus.Submitted)
                {
                    report.ReviewedOn = reviewed;
                    report.ReviewedBy = OfficeUserName;
                    report.ReviewComment = reached == PeriodReportStatus.SentBack ? DemoTexts.SendBackComment : null;
                    report.UpdatedBy = OfficeUserName;
                    report.UpdatedAt = Stamp(reviewed, rng.Next(0, 8 * 60));
                    report.Version = 2;
                }
                result.Add(report);
            }
        }
        return result;
    }

    private static string Person(Random rng)
    {
        var female = rng.NextDouble() < 0.55;
        var family = DemoTexts.FamilyNames[rng.Next(DemoTexts.FamilyNames.Length)];
        var given = female ? DemoTexts.FemaleNames[rng.Next(DemoTexts.FemaleNames.Length)] : DemoTexts.MaleNames[rng.Next(DemoTexts.MaleNames.Length)];
        return $"{(female ? "Bà" : "Ông")} {family} {given}";
    }

    private static string IndividualRole(Agency agency, string place, District district, Random rng) => agency.Kind switch
    {
        AgencyKind.DistrictCommittee => rng.NextDouble() < 0.6
            ? $"công chức Bộ phận Một cửa UBND {place}"
            : $"công chức Văn phòng HĐND và UBND {LowerFirst(district.Name)}",
        AgencyKind.Department => $"chuyên viên {agency.Name} làm việc tại Trung tâm Phục vụ hành chính công tỉnh",
        AgencyKind.ServiceCentre => "công chức tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh",
        AgencyKind.ProvincialOffice => "chuyên viên Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh",
        _ => $"công chức Tư pháp - Hộ tịch UBND {place}",
    };

    private static string CollectiveName(Agency agency, string place, District district, Random rng) => agency.Kind switch
    {
        AgencyKind.DistrictCommittee => rng.NextDouble() < 0.7 ? $"Bộ phận Một cửa UBND {place}" : $"Bộ phận Một cửa UBND {LowerFirst(district.Name)}",
        AgencyKind.Department => $"Bộ phận tiếp nhận và trả kết quả của {agency.Name} tại Trung tâm Phục vụ hành chính công tỉnh",
        AgencyKind.ServiceCentre => "Tổ tiếp nhận hồ sơ lĩnh vực đất đai, Trung tâm Phục vụ hành chính công tỉnh",
        AgencyKind.ProvincialOffice => "Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh",
        _ => $"Bộ phận Một cửa UBND {place}",
    };

    private static string Achievement(World world, DateOnly date, Random rng)
    {
        // Only periods already over on the day of the commendation.
        var periods = new List<string> { $"tháng {date.AddMonths(-1).Month}/{date.AddMonths(-1).Year}" };
        if (date.Month > 3) periods.Add(world.ForYear(DemoTexts.Periods[0]));
        if (date.Month > 6) periods.Add(world.ForYear(DemoTexts.Periods[1]));
        if (date.Month > 9) periods.AddRange([world.ForYear(DemoTexts.Periods[2]), world.ForYear(DemoTexts.Periods[3])]);
        var before = rng.Next(15, 31);
        return DemoTexts.Achievements[rng.Next(DemoTexts.Achievements.Length)]
            .Replace("{N}", VietnameseFormat.Number(rng.Next(300, 3001)))
            .Replace("{P}", periods[rng.Next(periods.Count)])
            .Replace("{R}", rng.Next(35, 86).ToString(CultureInfo.InvariantCulture))
            .Replace("{X}", before.ToString(CultureInfo.InvariantCulture))
            .Replace("{Y}", (before - rng.Next(3, 11)).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A round figure, as plans state targets: 7, 25, 140, 2.500.</summary>
    private static int Nice(double value)
    {
        var step = value switch { < 10 => 1, < 100 => 5, < 1_000 => 10, < 10_000 => 100, _ => 500 };
        return Math.Max(1, (int)Math.Round(value / step) * step);
    }

    private static string UserFor(Agency agency) => OfficerUserNames.GetValueOrDefault(agency.Code) ?? DemoUserName;

    /// <summary>Working hours in Vietnam on that day (from 08:00, UTC+7), in UTC.</summary>
    private static DateTime Stamp(DateOnly date, int minutesAfterEight) =>
        DateTime.SpecifyKind(date.ToDateTime(new TimeOnly(1, 0)).AddMinutes(minutesAfterEight), DateTimeKind.Utc);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Domain(Agency agency) => agency.Code switch
    {
        "BAOTN" => "baothainguyen.vn",
        "DAIPTTH" => "thainguyentv.vn",
        "TTTT" => "thainguyen.gov.vn",
        _ => agency.Code.ToLowerInvariant() + ".thainguyen.gov.vn",
    };

    /// <summary>The address of an agency's page on a social network (baothainguyen, stp.thainguyen).</summary>
    private static string SocialPage(Agency agency) => Domain(agency) switch
    {
        var domain when domain.EndsWith(".gov.vn", StringComparison.Ordinal) => domain[..^".gov.vn".Length],
        var domain => domain[..domain.IndexOf('.', StringComparison.Ordinal)],
    };

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>An ASCII address fragment from Vietnamese text ("Đẩy mạnh cải cách" → "day-manh-cai-cach").</summary>
    private static string Slug(string text)
    {
        var plain = text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in plain)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }
}
