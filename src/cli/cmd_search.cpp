// newsidx search [QUERY] [date filters]: find articles.
#include "cli/common.hpp"
#include "cli/pager.hpp"
#include "newsidx/error.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/query.hpp"
#include "newsidx/store.hpp"
#include "newsidx/units.hpp"

namespace newsidx::cli {
namespace {

/// Hits a search shows unless told otherwise.
constexpr std::int64_t kDefaultLimit = 20;

struct SearchCommand {
  FilterOptions filter;
  std::string sort;
  std::int64_t limit = kDefaultLimit;
  std::int64_t offset = 0;
  bool all = false;
  bool count = false;
  bool json = false;
  std::string format = "text";
  bool no_collapse = false;
};

/// The request of the command line: query, dates, order and page.
SearchRequest make_request(const CLI::App& cmd, const SearchCommand& opts, const Context& ctx) {
  refuse_zero_limit(cmd, opts.limit);
  SearchRequest request = filter_request(ctx, opts.filter, true);
  if (opts.sort == "newest") request.sort = SortOrder::kNewest;
  if (opts.sort == "oldest") request.sort = SortOrder::kOldest;
  if (opts.sort == "relevance") {
    if (!request.match) throw Error(ErrorCode::kUsage, "--sort relevance needs a query");
    request.sort = SortOrder::kRelevance;
  }
  request.limit = opts.all ? -1 : opts.limit;
  request.offset = opts.offset;
  request.collapse = !opts.no_collapse;
  return request;
}

/// Writes the hits in `format`.
void print_hits(const Store& store, const SearchRequest& request, const std::vector<Hit>& hits,
                const std::string& format, const Context& ctx) {
  const bool color = color_for(ctx, 1);
  const std::size_t width = output_width();
  for (const Hit& h : hits) {
    if (format == "json") {
      out_line(hit_json(h));
    } else if (format == "oneline") {
      out(format_hit_line(h, color, width));
    } else if (format == "ids") {
      out_line(h.id);
    } else if (format == "paths") {
      for (const std::string& p : store.paths_of(h.id)) out_line(p);
    } else if (format == "kwic") {
      if (!request.match) continue;
      if (const auto m = store.matches_in(h.id, *request.match)) {
        out(format_concordance(h, *m, color, width));
        if (m->truncated) {
          diag("note", h.id + ": only the first " +
                           format_count(static_cast<std::int64_t>(kMaxMatchRanges)) +
                           " matches are shown");
        }
      }
    } else {
      out(format_hit(h, color, width));
    }
  }
}

/// After a query that found nothing: its words that no article holds, with
/// the nearest word of the index, on stderr ("did you mean").
void suggest_words(const Store& store, const Context& ctx) {
  const std::vector<std::string> words = query_words(operand_text(ctx));
  for (const WordSuggestion& s : store.suggest_words(words)) {
    std::string line = "did you mean: " + s.suggestion + " (" + format_count(s.articles) +
                       (s.articles == 1 ? " article)" : " articles)");
    if (words.size() > 1) line += " for " + s.word;
    diag("note", line);
  }
}

void run_search(const CLI::App& cmd, const SearchCommand& opts, Context& ctx) {
  const std::string format = opts.json ? "json" : opts.format;
  SearchRequest request = make_request(cmd, opts, ctx);
  if (format == "kwic" && !request.match) {
    throw Error(ErrorCode::kUsage, "--format kwic needs a query: it shows where words match");
  }
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  if (opts.count) {
    const std::int64_t n = store.count(request);
    out_line(std::to_string(n));
    ctx.exit_code = n > 0 ? kExitOk : kExitNothing;
    return;
  }
  // Formats that show no snippet do not compute one.
  request.snippets = format == "text" || format == "json";
  std::optional<std::int64_t> counted;
  const std::vector<Hit> hits = store.search(request, &counted);
  // A page that is full, or that does not start at the first hit, may
  // leave hits out: say how many there are.
  const bool cut =
      (request.limit >= 0 && static_cast<std::int64_t>(hits.size()) >= request.limit) ||
      request.offset > 0;
  if (cut) {
    // The articles shown: the hits and those folded under them.
    std::int64_t shown = 0;
    for (const Hit& h : hits) shown += 1 + static_cast<std::int64_t>(h.similar.size());
    const std::int64_t total = counted ? *counted : store.count(request);
    if (shown < total) {
      diag("note", format_count(shown) + " of " + format_count(total) +
                       " articles (--limit, --offset, --all)");
    }
  }
  if (hits.empty() && request.match && request.offset == 0) suggest_words(store, ctx);
  PagedOutput paged(ctx);
  print_hits(store, request, hits, format, ctx);
  paged.finish();
  ctx.exit_code = hits.empty() ? kExitNothing : kExitOk;
}

}  // namespace

void add_search_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<SearchCommand>();
  CLI::App* cmd = app.add_subcommand("search", "Find articles by words, phrases and dates");
  add_global_options(*cmd, ctx);
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--sort", opts->sort, "relevance (default with a query), newest, oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  auto* limit = cmd->add_option("-n,--limit", opts->limit,
                                "Hits to show, 1 or more (default 20); a note on stderr says "
                                "when some are left out")
                    ->check(count_validator());
  cmd->add_option("--offset", opts->offset, "Hits to skip first")->check(count_validator());
  cmd->add_flag("--all", opts->all, "Show every hit")->excludes(limit);
  cmd->add_flag("-c,--count", opts->count, "Print only the number of matching articles");
  auto* format =
      cmd->add_option("--format", opts->format,
                      "text (default): date, id, title, snippet, path; oneline: date, id, title; "
                      "ids; paths (every path of each hit); kwic: each match in its context, "
                      "one per line; json")
          ->check(CLI::IsMember({"text", "oneline", "ids", "paths", "kwic", "json"}));
  cmd->add_flag("--json", opts->json, "One JSON object per hit (JSON Lines): --format json")
      ->excludes(format);
  cmd->add_flag("--no-collapse", opts->no_collapse,
                "Show near duplicates (wire copies) as hits of their own");
  cmd->footer(
      "Query language: words (all must match), \"a phrase\", alep OR homs, (a OR b) c,\n"
      "-word or NOT word, prefix*, title:word, =word (this form only, not stemmed),\n"
      "author:word, source:word, lead:word (first paragraph), NEAR(a b, 5), a NEAR/5 b,\n"
      "date:2016-12..2017-03 (ANDed with the rest and with --from/--to).\n"
      "Near duplicates of a hit are folded under it (+N similar); --limit and --offset\n"
      "count the hits shown, --count counts every matching article.\n"
      "Arguments that are not options are query words: -calais excludes calais. After\n"
      "'--' every argument is a query word (search -- -c excludes the word c).\n"
      "Examples:\n"
      "  newsidx search \"reprise d'Alep\" --from 2016-12\n"
      "  newsidx search '(grève OR manifestation) -title:retraites' --sort newest\n"
      "  newsidx search --date 2019 --count\n"
      "  newsidx search bombardements --format kwic --all\n"
      "  newsidx search alep --format oneline --limit 5\n"
      "  newsidx search 'NEAR(reprise Alep, 5)' --from 'décembre 2016'\n"
      "  newsidx search 'source:courrier date:2016..2019' --count");
  cmd->callback([cmd, opts, &ctx] { run_search(*cmd, *opts, ctx); });
}

}  // namespace newsidx::cli
