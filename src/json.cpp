// Placeholder: implemented with the store.
