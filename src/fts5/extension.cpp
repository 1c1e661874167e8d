// Placeholder: replaced by the loadable extension entry point.
