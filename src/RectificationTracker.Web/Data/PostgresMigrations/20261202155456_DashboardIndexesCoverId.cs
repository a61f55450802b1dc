using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RectificationTracker.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class DashboardIndexesCoverId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_Dashboard",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Problems",
                table: "Tasks");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Dashboard",
                table: "Tasks",
                columns: new[] { "ResponsibleUnitId", "LeadLeaderId", "LeadLeaderName", "Category", "State", "ReopenCount", "Deadline", "ClosedOn", "LastProgressAtUtc", "RoundId", "ResponsiblePersonId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Problems",
                table: "Tasks",
                columns: new[] { "ProblemId", "State", "Deadline", "RoundId", "ResponsibleUnitId", "LeadLeaderId", "ResponsiblePersonId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_Dashboard",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Problems",
                table: "Tasks");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Dashboard",
                table: "Tasks",
                columns: new[] { "ResponsibleUnitId", "LeadLeaderId", "LeadLeaderName", "Category", "State", "ReopenCount", "Deadline", "ClosedOn", "LastProgressAtUtc", "RoundId", "ResponsiblePersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Problems",
                table: "Tasks",
                columns: new[] { "ProblemId", "State", "Deadline", "RoundId", "ResponsibleUnitId", "LeadLeaderId", "ResponsiblePersonId" });
        }
    }
}
