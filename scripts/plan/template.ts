import { ConfigError } from '../errors.js';
import { closest } from '../config/suggest.js';
import { PLACEHOLDER_RE } from '../config/validate.js';

export interface TemplateVars {
  slot: number;
  project: string;
  name: string;
  ports: Record<string, number>;
  /** `{{resources.NAME.KEY}}` values (plan/resources.ts); absent while resources are themselves rendered. */
  resources?: Record<string, Record<string, string>>;
}

/**
 * Render `{{slot}}`, `{{project}}`, `{{name}}`, `{{ports.NAME}}` and `{{resources.NAME.KEY}}`. `where` names the config key
 * for the error when a template names a port the table does not have.
 */
export function renderTemplate(text: string, vars: TemplateVars, where: string): string {
  return text.replace(PLACEHOLDER_RE, (whole, expr: string) => {
    if (expr === 'slot') return String(vars.slot);
    if (expr === 'project') return vars.project;
    if (expr === 'name') return vars.name;
    if (expr.startsWith('ports.')) {
      const port = expr.slice('ports.'.length);
      const value = vars.ports[port];
      if (value === undefined) {
        const known = Object.keys(vars.ports);
        const near = closest(port, known);
        throw new ConfigError(
          `${where}: ${whole} names an unknown port \`${port}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known ports: ${known.join(', ') || 'none'}`,
        );
      }
      return String(value);
    }
    const ref = /^resources\.([^.]+)\.([^.]+)$/.exec(expr);
    const value = ref ? vars.resources?.[ref[1]!]?.[ref[2]!] : undefined;
    if (value !== undefined) return value;
    throw new ConfigError(`${where}: unknown placeholder ${whole}${ref ? ' (no such resource value)' : ''}`);
  });
}
