enum _PackPlaceholder {}
