enum _ConsolePlaceholder {}
