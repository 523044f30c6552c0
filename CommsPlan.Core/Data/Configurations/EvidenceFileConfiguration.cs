using CommsPlan.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        // Exactly one owner; the same text on SQLite and PostgreSQL (no boolean arithmetic).
        b.ToTable(t => t.HasCheckConstraint("CK_EvidenceFiles_OneOwner",
            """(CASE WHEN "ActivityId" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN "UnitPlanId" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN "CommendationId" IS NULL THEN 0 ELSE 1 END) = 1"""));
        b.Property(f => f.FileName).HasMaxLength(EvidenceLimits.FileNameMaxLength + 8);
        b.Property(f => f.CreatedBy).HasMaxLength(256);
        b.Property(f => f.UpdatedBy).HasMaxLength(256);
        // The write path deletes a record's files with it (and audits each); the database's cascade is the backstop.
        b.HasOne(f => f.Activity).WithMany().HasForeignKey(f => f.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.UnitPlan).WithMany().HasForeignKey(f => f.UnitPlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.Commendation).WithMany().HasForeignKey(f => f.CommendationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.Content).WithOne().HasForeignKey<EvidenceContent>(c => c.EvidenceFileId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.ActivityId);
        b.HasIndex(f => f.UnitPlanId);
        b.HasIndex(f => f.CommendationId);
    }
}

public sealed class EvidenceContentConfiguration : IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<EvidenceContent> b)
    {
        b.HasKey(c => c.EvidenceFileId);
        b.Property(c => c.EvidenceFileId).ValueGeneratedNever();
    }
}
