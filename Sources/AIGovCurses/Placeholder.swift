enum _CursesPlaceholder {}
