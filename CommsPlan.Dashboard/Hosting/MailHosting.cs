using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

internal static class MailHosting
{
    /// <summary>
    /// `Mail:*` (the password from `Mail__Password`), the outbox's sender and its schedule, and the administrators' view.
    /// The sender runs on the real clock, not the demo's shifted day: retries and claims are operational facts.
    /// </summary>
    public static IServiceCollection AddCommsPlanMail(this IServiceCollection services)
    {
        services.AddSingleton(sp => new OutboxSender(sp.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>(),
            sp.GetRequiredService<IOptions<MailOptions>>(), TimeProvider.System, sp.GetRequiredService<ILogger<OutboxSender>>()));
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}

/// <summary>Sends the outbox's due mail every `Mail:PollSeconds`; without settings it says so once and leaves the mail queued.</summary>
internal sealed class OutboxWorker(OutboxSender sender, IOptions<MailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sender.IsConfigured)
        {
            logger.LogWarning("Mail is off: Mail:Host or Mail:From is not set. Mail is kept in the outbox until they are.");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        try
        {
            do
            {
                try
                {
                    // A full batch means more may be due: go on at once rather than wait a tick.
                    while (await sender.SendDueAsync(stoppingToken) == OutboxSender.BatchSize)
                    {
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database was unreachable or busy: the mail is still in the outbox, the next tick tries again.
                    logger.LogError(ex, "The outbox could not be read; will try again.");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
