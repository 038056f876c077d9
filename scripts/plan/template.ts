import { ConfigError } from '../errors.js';
import { closest } from '../config/suggest.js';
import { PLACEHOLDER_RE } from '../config/validate.js';

export interface TemplateVars {
  slot: number;
  project: string;
  name: string;
  ports: Record<string, number>;
}

/**
 * Render `{{slot}}`, `{{project}}`, `{{name}}` and `{{ports.NAME}}`. `where` names the config key
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
    throw new ConfigError(`${where}: unknown placeholder ${whole}`);
  });
}
