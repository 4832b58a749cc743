// The Create page's forms in the browser: read the fields, check them against the template's JSON
// Schema (the one `backlot scaffold` checks with ajv), show each error at its field, and build the
// shell-quoted `gh workflow run` command to copy.
import { checkSchema } from './schema-check.ts';
import { ghWorkflowRunCommand } from './gh-command.ts';

interface Spec {
  workflow: string;
  repository?: string;
  schema: unknown;
  fields: { name: string; type: string; overflow: boolean; default?: unknown }[];
  moreValuesInput: string;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function enhanceCreateForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-create-form]')) enhance(form);
}

function enhance(form: HTMLFormElement): void {
  const specElement = form.querySelector<HTMLScriptElement>('script[data-create-spec]');
  const output = form.querySelector<HTMLElement>('[data-command]');
  const copy = form.querySelector<HTMLButtonElement>('[data-copy]');
  const status = form.querySelector<HTMLElement>('[data-status]');
  if (!specElement || !output || !copy || !status) return;
  const spec = JSON.parse(specElement.textContent ?? '{}') as Spec;
  let checked = false;

  const control = (name: string) => form.elements.namedItem(name) as Control | null;

  /** The typed values, or per-field errors for text that cannot be read (e.g. bad JSON). */
  const read = () => {
    const values: Record<string, unknown> = {};
    const texts: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const field of spec.fields) {
      const input = control(field.name);
      if (!input) continue;
      if (input instanceof HTMLInputElement && input.type === 'checkbox') {
        values[field.name] = input.checked;
        texts[field.name] = String(input.checked);
        continue;
      }
      const text = input.value;
      if (text === '') continue; // empty means "not given": the default applies
      texts[field.name] = text;
      if (field.type === 'number' || field.type === 'integer') values[field.name] = Number.isFinite(Number(text)) ? Number(text) : text;
      else if (field.type === 'array' || field.type === 'object') {
        try {
          values[field.name] = JSON.parse(text) as unknown;
        } catch {
          errors[field.name] = 'must be JSON';
        }
      } else values[field.name] = text;
    }
    for (const field of spec.fields) if (!(field.name in values) && field.default !== undefined && !(field.name in errors)) values[field.name] = field.default;
    return { values, texts, errors };
  };

  const update = () => {
    const { values, texts, errors } = read();
    for (const e of checkSchema(spec.schema, values)) {
      const name = decodeURIComponent(e.pointer.split('/')[1] ?? '');
      if (!(name in errors)) errors[name] = e.message;
    }
    for (const field of spec.fields) {
      const message = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(field.name)}"]`);
      const input = control(field.name);
      const error = errors[field.name];
      if (message) {
        message.textContent = error ? `${field.name} ${error}` : '';
        message.hidden = !error;
      }
      if (input) {
        if (error) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
    const count = Object.keys(errors).length;
    if (count > 0) {
      output.textContent = `Fix ${count === 1 ? 'the field' : `the ${count} fields`} marked above to get the command.`;
      output.dataset.valid = 'false';
      copy.disabled = true;
      status.textContent = `${count} problem${count === 1 ? '' : 's'}`;
      return false;
    }
    const own = spec.fields.filter((f) => !f.overflow && f.name in texts).map((f) => [f.name, texts[f.name]!] as [string, string]);
    const more = Object.fromEntries(spec.fields.filter((f) => f.overflow && f.name in texts).map((f) => [f.name, values[f.name]]));
    if (Object.keys(more).length) own.push([spec.moreValuesInput, JSON.stringify(more)]);
    output.textContent = ghWorkflowRunCommand({ workflow: spec.workflow, ...(spec.repository ? { repository: spec.repository } : {}), fields: own });
    output.dataset.valid = 'true';
    copy.disabled = false;
    status.textContent = 'Values fit the template.';
    return true;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    checked = true;
    const ok = update();
    if (!ok) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
  form.addEventListener('input', () => {
    if (checked) update();
  });
  copy.addEventListener('click', async () => {
    if (!update()) return;
    try {
      await navigator.clipboard.writeText(output.textContent ?? '');
      status.textContent = 'Command copied.';
    } catch {
      // Without clipboard access, select the text so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(output);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      status.textContent = 'Press Ctrl+C to copy the selected command.';
    }
  });
}
