package dev.tripcast.notebooks;

/**
 * One exported notebook.
 *
 * @param file its Markdown file name, e.g. "01-duration.md"
 * @param title its title, for the index
 * @param markdown its text
 */
record Page(String file, String title, String markdown) {

  /** Renders the template named as the file; the title is the text of its first "# " line. */
  static Page of(String file, Template values) {
    String markdown = values.render(file);
    String title = markdown.lines().filter(l -> l.startsWith("# ")).findFirst()
        .orElseThrow(() -> new IllegalStateException(file + " has no '# ' title line")).substring(2);
    return new Page(file, title, markdown);
  }
}
