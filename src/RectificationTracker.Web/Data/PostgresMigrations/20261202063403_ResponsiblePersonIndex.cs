using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RectificationTracker.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ResponsiblePersonIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ResponsiblePersonId_State",
                table: "Tasks",
                columns: new[] { "ResponsiblePersonId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_ResponsiblePersonId_State",
                table: "Tasks");
        }
    }
}
