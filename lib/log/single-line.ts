// Text from input (descriptor values, file names, error messages) printed in a log line must stay
// data: one line, no terminal control sequences, and never a GitHub Actions workflow command
// (`::error`, `::add-mask::`, `::stop-commands::`, the older `##[…]`), which the runner obeys only
// at the start of a line. The logger and lint's output pass every line through here.

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` as one printable line: line breaks (CR, LF, NEL, U+2028/9) and other control characters
 * (C0, DEL, C1 — ANSI escapes among them) written as escapes, and a leading `::` or `##[` broken,
 * so no input can end the line or start a workflow command. Visible text is otherwise unchanged.
 */
export function toLogLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.replace(/^(\s*)(::|##\[)/, (_, space: string, command: string) => `${space}\\${command}`);
}
