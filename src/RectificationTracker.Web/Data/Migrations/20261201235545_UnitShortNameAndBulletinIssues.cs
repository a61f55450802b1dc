using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RectificationTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnitShortNameAndBulletinIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BulletinIssuer",
                table: "Units",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShortName",
                table: "Units",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulletinIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OfficeUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinIssues_Units_OfficeUnitId",
                        column: x => x.OfficeUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_OfficeUnitId_ContentKey",
                table: "BulletinIssues",
                columns: new[] { "OfficeUnitId", "ContentKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_OfficeUnitId_Year_Number",
                table: "BulletinIssues",
                columns: new[] { "OfficeUnitId", "Year", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "BulletinIssuer",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "ShortName",
                table: "Units");
        }
    }
}
