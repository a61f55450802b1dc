using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RectificationTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_ResponsibleUnitId_State",
                table: "Tasks");

            migrationBuilder.AddColumn<int>(
                name: "ProblemNumber",
                table: "Tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing tasks take their problem's number (RectificationTask.ProblemNumber), before the indexes that hold it
            // are built.
            migrationBuilder.Sql(
                """
                UPDATE "Tasks" SET "ProblemNumber" = (SELECT p."Number" FROM "Problems" AS p WHERE p."Id" = "Tasks"."ProblemId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Ledger",
                table: "Tasks",
                columns: new[] { "RoundId", "ProblemNumber", "Number" },
                descending: new[] { true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Ledger_Unit",
                table: "Tasks",
                columns: new[] { "ResponsibleUnitId", "State", "RoundId", "ProblemNumber", "Number", "LeadLeaderId", "ResponsiblePersonId", "Id" },
                descending: new[] { false, false, true, false, false, false, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_Ledger",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Ledger_Unit",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ProblemNumber",
                table: "Tasks");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ResponsibleUnitId_State",
                table: "Tasks",
                columns: new[] { "ResponsibleUnitId", "State" });
        }
    }
}
