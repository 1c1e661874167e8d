// newsidx analyze TEXT…: show how the French analysis reads a text.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "newsidx/analyzer.hpp"
#include "newsidx/json.hpp"

namespace newsidx::cli {
namespace {

struct AnalyzeCommand {
  bool json = false;
};

void run_analyze(const AnalyzeCommand& opts, Context& ctx) {
  require_operands(ctx, "analyze", "a text (TEXT...)");
  const std::string text = operand_text(ctx);
  const std::vector<AnalyzedToken> tokens = analyze_for_display(text);
  for (const AnalyzedToken& t : tokens) {
    if (opts.json) {
      out_line(token_json(t));
    } else {
      // The index holds the folded form; a query word finds every form listed
      // under its stems in the vocabulary (fts5_tokenizer.hpp).
      out_line(fmt::format("{:<24} {:<16} {:<16} ={}", t.surface, t.stem, t.folded_stem, t.folded));
    }
  }
  ctx.exit_code = tokens.empty() ? kExitNothing : kExitOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<AnalyzeCommand>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "Show the tokens the French analysis makes of a text (why a word matches)");
  add_global_options(*cmd, ctx);
  cmd->add_flag("--json", opts->json, "One JSON object per token");
  cmd->footer(
      "Each line: the word as written; its stem (Snowball on the word as written,\n"
      "accents kept, then folded); the stem of its folded form (suffix accents\n"
      "restored), so that words written without accents meet; and its folded form,\n"
      "the token the index holds (what prefix* and =word queries match). A query\n"
      "word finds every form filed under its stems; typed with accents, under the\n"
      "first stem only.\n"
      "Examples:\n"
      "  newsidx analyze \"L’armée a repris Alep-Est\"\n"
      "  newsidx analyze --json 'aujourd’hui 350 000 Œuvres'");
  cmd->callback([opts, &ctx] { run_analyze(*opts, ctx); });
}

}  // namespace newsidx::cli
