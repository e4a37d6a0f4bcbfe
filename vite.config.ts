/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Content-Security-Policy of the production build (README, Security). One policy for the page
 * and its training worker: a worker fetched over http(s) takes its policy from its own response,
 * and a static host usually sends one header for every file.
 */
const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // No inline script and no eval; WebAssembly compilation only, for tfjs's WASM backend (the
  // worker's WebAssembly.instantiate is refused without it).
  "script-src 'self' 'wasm-unsafe-eval'",
  // The training worker is a same-origin module script; threaded WASM (blob: workers) needs
  // cross-origin isolation, which the app does not ask for.
  "worker-src 'self'",
  // The WASM backend fetches its .wasm binaries from the app.
  "connect-src 'self'",
  // data: for the model overview's canvas thumbnails (<image href="data:…">) and SVG export;
  // blob: for the PNG export, which decodes the exported SVG as an image.
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy as a <meta> tag carries it (frame-ancestors is ignored there). */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/**
 * The policy as a response header: embed mode (`#embed=1`) is meant to be framed by course notes
 * on any site, so framing stays allowed, explicitly.
 */
export const CONTENT_SECURITY_POLICY_HEADER = [...CSP_DIRECTIVES, 'frame-ancestors *'].join('; ');

/** Writes the policy into the built index.html only: the dev server's HMR needs inline scripts. */
function contentSecurityPolicy(): Plugin {
  const charset = '<meta charset="UTF-8" />';
  return {
    name: 'gan-playground:content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      // Right after the charset (which must stay first) and before any script or stylesheet, so
      // that the policy covers all of them.
      if (!html.includes(charset))
        throw new Error(`index.html lacks ${charset}: the CSP goes after it.`);
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
      return html.replace(charset, `${charset}\n    ${meta}`);
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // The training worker imports tfjs as ES modules; the classic IIFE worker format cannot.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs is large by nature; it loads in the worker, off the main thread.
    chunkSizeWarningLimit: 4096,
  },
  server: { port: 5173, strictPort: false },
  preview: {
    port: 4173,
    strictPort: true,
    // The e2e suite runs against `vite preview`, so it runs under the production policy.
    headers: {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
      'X-Content-Type-Options': 'nosniff',
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
