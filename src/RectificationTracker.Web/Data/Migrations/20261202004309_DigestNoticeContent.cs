using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RectificationTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DigestNoticeContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Content",
                table: "DigestNotices",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Content",
                table: "DigestNotices");
        }
    }
}
