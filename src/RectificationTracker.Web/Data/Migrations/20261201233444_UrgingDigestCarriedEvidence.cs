using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RectificationTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UrgingDigestCarriedEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAtUtc",
                table: "ClosureApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnByName",
                table: "ClosureApplications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationEvidence",
                columns: table => new
                {
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EvidenceFileId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationEvidence", x => new { x.ApplicationId, x.EvidenceFileId });
                    table.ForeignKey(
                        name: "FK_ApplicationEvidence_ClosureApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ClosureApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicationEvidence_EvidenceFiles_EvidenceFileId",
                        column: x => x.EvidenceFileId,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Carried evidence: what each application held so far (one application per file) becomes the join table's rows,
            // before the old column goes.
            migrationBuilder.Sql(
                "INSERT INTO \"ApplicationEvidence\" (\"ApplicationId\", \"EvidenceFileId\") " +
                "SELECT \"ApplicationId\", \"Id\" FROM \"EvidenceFiles\" WHERE \"ApplicationId\" IS NOT NULL;");

            migrationBuilder.DropForeignKey(
                name: "FK_EvidenceFiles_ClosureApplications_ApplicationId",
                table: "EvidenceFiles");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceFiles_ApplicationId",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "ApplicationId",
                table: "EvidenceFiles");

            migrationBuilder.CreateTable(
                name: "DigestNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EmailedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EmailError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigestRuns",
                columns: table => new
                {
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notices = table.Column<int>(type: "INTEGER", nullable: false),
                    Emails = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailFailures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestRuns", x => x.LocalDate);
                });

            migrationBuilder.CreateTable(
                name: "Urgings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Ground = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ToUnitName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ToPersonName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Urgings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Urgings_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvidence_EvidenceFileId",
                table: "ApplicationEvidence",
                column: "EvidenceFileId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestNotices_UserId_LocalDate",
                table: "DigestNotices",
                columns: new[] { "UserId", "LocalDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Urgings_TaskId_AtUtc",
                table: "Urgings",
                columns: new[] { "TaskId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationEvidence");

            migrationBuilder.DropTable(
                name: "DigestNotices");

            migrationBuilder.DropTable(
                name: "DigestRuns");

            migrationBuilder.DropTable(
                name: "Urgings");

            migrationBuilder.DropColumn(
                name: "WithdrawnAtUtc",
                table: "ClosureApplications");

            migrationBuilder.DropColumn(
                name: "WithdrawnByName",
                table: "ClosureApplications");

            migrationBuilder.AddColumn<int>(
                name: "ApplicationId",
                table: "EvidenceFiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_ApplicationId",
                table: "EvidenceFiles",
                column: "ApplicationId");

            migrationBuilder.AddForeignKey(
                name: "FK_EvidenceFiles_ClosureApplications_ApplicationId",
                table: "EvidenceFiles",
                column: "ApplicationId",
                principalTable: "ClosureApplications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
