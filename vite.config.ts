/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy of the production build (README, Security): every directive but
 * script-src, shared by the page's meta tag and the response header.
 */
const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // The training worker is a same-origin module script; threaded WASM (blob: workers) needs
  // cross-origin isolation, which the app does not ask for.
  "worker-src 'self'",
  // The WASM backend fetches its .wasm binaries from the app.
  "connect-src 'self'",
  // data: for the model overview's canvas thumbnails (<image href="data:…">) and exported SVGs;
  // blob: for the PNG export, which decodes the exported SVG as an image.
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The page's policy, as its <meta> tag carries it: no inline script, no eval of any kind. */
export const CONTENT_SECURITY_POLICY = ["script-src 'self'", ...CSP_DIRECTIVES].join('; ');

/**
 * The policy as a response header. A worker fetched over http(s) takes its policy from its own
 * response, never from the page's meta tag, and a static host sends one header for every file:
 * the header allows WebAssembly compilation, which tfjs's WASM backend needs in the worker (the
 * page's meta tag still refuses it in the page). Embed mode (`#embed=1`) is meant to be framed by
 * course notes on any site, so framing stays allowed, explicitly.
 */
export const CONTENT_SECURITY_POLICY_HEADER = [
  "script-src 'self' 'wasm-unsafe-eval'",
  ...CSP_DIRECTIVES,
  'frame-ancestors *',
].join('; ');

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

/**
 * The service worker that makes the app work offline once loaded (README, Offline): Workbox,
 * generated at build time, precaches every file the build emits (the page, its chunks, the
 * training worker, the WASM binaries, the icon) and serves them cache-first; a new version
 * installs in the background and waits until the page asks it to take over
 * (src/ui/offline/updater.ts). Registered by src/ui/offline/register.ts, production builds only.
 */
function offlineServiceWorker(): Plugin[] {
  return VitePWA({
    // The page registers it itself (no inline registration script: the CSP refuses those), and
    // the update waits for the user: it never reloads a page mid-run.
    injectRegister: false,
    registerType: 'prompt',
    // Offline use, not installation: no web app manifest.
    manifest: false,
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,svg,png,ico,woff2,json,csv,txt}'],
      // The training worker's bundle (tfjs and its backends) is over Workbox's 2 MiB default.
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      // The first version takes over the page that installed it: that visit already works offline.
      clientsClaim: true,
      skipWaiting: false,
      cleanupOutdatedCaches: true,
      // Every link is the app with a hash: an offline reload gets the cached page.
      navigateFallback: 'index.html',
    },
  });
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineServiceWorker()],
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
