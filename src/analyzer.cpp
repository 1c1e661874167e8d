// Placeholder: replaced by the French analyzer.
