using CommsPlan.Core.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class DifficultyConfiguration : IEntityTypeConfiguration<Difficulty>
{
    public void Configure(EntityTypeBuilder<Difficulty> b)
    {
        b.Property(d => d.Title).HasMaxLength(FeedbackLimits.TitleMaxLength);
        b.Property(d => d.Content).HasMaxLength(FeedbackLimits.ContentMaxLength);
        b.Property(d => d.Answer).HasMaxLength(FeedbackLimits.AnswerMaxLength);
        b.Property(d => d.AnsweredBy).HasMaxLength(256);
        b.Property(d => d.CreatedBy).HasMaxLength(256);
        b.Property(d => d.UpdatedBy).HasMaxLength(256);
        b.Property(d => d.EnteredOnBehalfBy).HasMaxLength(256);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne(d => d.Agency).WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.AgencyId, d.RaisedOn });
    }
}
