import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No string reaches an HTML or script sink (issue #7): the app's source never writes markup as a
 * string nor evaluates one. React escapes what it renders; these are the ways around it. The
 * production Content-Security-Policy refuses eval and inline script anyway (README, Security);
 * this keeps the code from needing them. There is no allowlist: none of these is needed.
 */
const SINKS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'innerHTML', pattern: /\binnerHTML\b/ },
  { name: 'outerHTML', pattern: /\bouterHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'setHTMLUnsafe', pattern: /\bsetHTMLUnsafe\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/i },
  { name: 'document.write', pattern: /\bdocument\s*\.\s*write(?:ln)?\b/ },
  { name: 'dangerouslySetInnerHTML', pattern: /\bdangerouslySetInnerHTML\b/ },
  // eval( and window.eval, not a method of one's own such as model.eval(.
  { name: 'eval', pattern: /(?<![\w$.])eval\s*\(|\b(?:window|globalThis|self)\s*\.\s*eval\b/ },
  // new Function(…) and Function(…), which compile a string alike.
  { name: 'Function constructor', pattern: /(?<![\w$.])Function\s*\(/ },
  {
    name: 'setTimeout/setInterval with a string',
    pattern: /\bset(?:Timeout|Interval)\s*\(\s*['"`]/,
  },
  { name: 'javascript: URL', pattern: /['"`]\s*javascript:/i },
];

/** The text with every comment blanked out (same length, same lines), so that prose can say "eval". */
function withoutComments(text: string, variant: ts.LanguageVariant): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  const kept = text.split('');
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      token === ts.SyntaxKind.SingleLineCommentTrivia ||
      token === ts.SyntaxKind.MultiLineCommentTrivia
    ) {
      for (let i = scanner.getTokenStart(); i < scanner.getTokenEnd(); i++) {
        if (kept[i] !== '\n') kept[i] = ' ';
      }
    }
  }
  return kept.join('');
}

/** `file:line: sink` for each sink in the text. */
function findSinks(file: string, text: string): string[] {
  const variant = file.endsWith('.tsx') ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const found: string[] = [];
  withoutComments(text, variant)
    .split('\n')
    .forEach((line, index) => {
      for (const { name, pattern } of SINKS) {
        if (pattern.test(line)) found.push(`${file}:${index + 1}: ${name}`);
      }
    });
  return found;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const ROOT = join(import.meta.dirname, '..', '..');

describe('HTML and script sinks', () => {
  it('the scanner finds every sink, and none in comments', () => {
    const hostile = [
      'element.innerHTML = text;',
      'element.outerHTML = text;',
      "element.insertAdjacentHTML('beforeend', text);",
      'element.setHTMLUnsafe(text);',
      'range.createContextualFragment(text);',
      'frame.srcdoc = text;',
      'document.write(text);',
      'document.writeln(text);',
      'eval(text);',
      'window.eval(text);',
      'new Function(text);',
      'Function(text)();',
      "setTimeout('run()', 10);",
      'setInterval(`run()`, 10);',
      "link.href = 'javascript:run()';",
    ];
    const found = findSinks('hostile.ts', hostile.join('\n'));
    expect(found.map((f) => Number(f.split(':')[1]))).toEqual(hostile.map((_, i) => i + 1));
    expect(findSinks('App.tsx', '<div dangerouslySetInnerHTML={{ __html: text }} />')).toEqual([
      'App.tsx:1: dangerouslySetInnerHTML',
    ]);

    const harmless = [
      '// innerHTML, eval(x) and new Function(x) are named in prose only',
      '/* document.write(text) */',
      'model.evaluate(x); metrics.eval(x);',
      'setTimeout(() => run(), 10);',
      'const fn: Function = run;',
      "const url = 'https://example.org/javascript';",
    ];
    expect(findSinks('harmless.ts', harmless.join('\n'))).toEqual([]);
  });

  it('src/ has none', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      findSinks(relative(ROOT, file), readFileSync(file, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  // driver.js renders the tour's texts with innerHTML: they must be constants, never user input.
  it('the tour gives driver.js only constant strings', () => {
    const file = join(ROOT, 'src', 'ui', 'tour.ts');
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const rendered = /^(?:title|description|\w+BtnText|progressText)$/;
    const texts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isPropertyAssignment(node) &&
        (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
        rendered.test(node.name.text)
      ) {
        const where = `tour.ts:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        // A literal, or a template with no ${…} in it.
        const constant =
          ts.isStringLiteral(node.initializer) ||
          ts.isNoSubstitutionTemplateLiteral(node.initializer);
        texts.push(constant ? 'constant' : `${where}: ${node.name.text} is not a constant string`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    // Seven steps with a title and a description, and the buttons' and progress texts.
    expect(texts.length).toBeGreaterThanOrEqual(7 * 2 + 4);
    expect(texts.filter((text) => text !== 'constant')).toEqual([]);
  });
});
