#include "query/query_simplify.hpp"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "query/query_error.hpp"

namespace newsidx::query {
namespace {

// Drops the terms (and excluded terms) that repeat an earlier sibling as
// written: `alep alep` finds what `alep` finds, and FTS5's work per row grows with the square of
// the number of phrases in a query.
void drop_repeated_terms(std::vector<Node>& siblings) {
  std::unordered_set<std::string> seen;
  std::vector<Node> kept;
  kept.reserve(siblings.size());
  for (Node& node : siblings) {
    const bool excluded = node.kind == NodeKind::kNot;
    const Node& term = excluded ? node.children.front() : node;
    if (term.kind == NodeKind::kTerm) {
      std::string key = term.term.text;
      key += excluded ? "\x01-" : "\x01+";
      key += term.term.surface ? "=" : "";
      key += term.term.prefix ? "*" : "";
      if (!seen.insert(std::move(key)).second) continue;
    }
    kept.push_back(std::move(node));
  }
  siblings = std::move(kept);
}

// A NEAR group without its unsearchable phrases; one phrase left is that
// phrase alone.
std::optional<Node> simplify_near(Node node) {
  std::vector<Node> kept;
  for (Node& phrase : node.children) {
    if (phrase.term.searchable) kept.push_back(std::move(phrase));
  }
  if (kept.empty()) return std::nullopt;
  if (kept.size() == 1) return std::move(kept.front());
  node.children = std::move(kept);
  return node;
}

}  // namespace

void require_positive(const Node& node) {
  if (node.kind == NodeKind::kNot)
    fail_at("exclusion", node.column, " has nothing to exclude from");
}

std::optional<Node> simplify(Node node, std::string_view field) {
  switch (node.kind) {
    case NodeKind::kTerm:
      if (!node.term.searchable) return std::nullopt;
      return node;
    case NodeKind::kDate:
      return node;
    case NodeKind::kNear:
      return simplify_near(std::move(node));
    case NodeKind::kField:
    case NodeKind::kNot: {
      const bool is_field = node.kind == NodeKind::kField;
      if (is_field && !field.empty() && node.term.field != field) {
        fail_at(node.term.text, node.column,
                " inside " + std::string(field) + ": would find nothing");
      }
      std::optional<Node> child =
          simplify(std::move(node.children.front()), is_field ? node.term.field : field);
      if (!child) return std::nullopt;
      require_positive(*child);
      if (is_field && !field.empty()) return child;
      node.children.front() = std::move(*child);
      return node;
    }
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      std::vector<Node> kept;
      for (Node& child : node.children) {
        std::optional<Node> simple = simplify(std::move(child), field);
        if (!simple) continue;
        if (simple->kind == node.kind) {
          for (Node& grandchild : simple->children) kept.push_back(std::move(grandchild));
        } else {
          kept.push_back(std::move(*simple));
        }
      }
      drop_repeated_terms(kept);
      if (kept.empty()) return std::nullopt;
      if (node.kind == NodeKind::kOr) {
        for (const Node& child : kept) require_positive(child);
      } else {
        bool any_positive = false;
        for (const Node& child : kept) any_positive = any_positive || child.kind != NodeKind::kNot;
        if (!any_positive) require_positive(kept.front());
      }
      if (kept.size() == 1) return std::move(kept.front());
      node.children = std::move(kept);
      return node;
    }
  }
  return node;
}

}  // namespace newsidx::query
