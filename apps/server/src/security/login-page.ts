const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * The sign-in form: no script and no inline style, so the strict Content-Security-Policy
 * applies to it unchanged. `next` is where to go after signing in (already checked).
 */
export function loginPage(options: { next: string; error?: string }): string {
  const error =
    options.error === undefined
      ? ''
      : `<p class="error" role="alert">${escapeHtml(options.error)}</p>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>Sign in · exectree</title>
    <link rel="stylesheet" href="/login.css">
  </head>
  <body>
    <main>
      <h1>exectree</h1>
      <form method="post" action="/login">
        <label for="token">Access token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
        <input type="hidden" name="next" value="${escapeHtml(options.next)}">
        <button type="submit">Sign in</button>
      </form>
      ${error}
    </main>
  </body>
</html>
`;
}

export const LOGIN_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center}
main{width:min(22rem,90vw)}h1{font-size:1.5rem;margin:0 0 1rem}
form{display:grid;gap:.5rem}input,button{font:inherit;padding:.5rem}
.error{color:#c0392b}
`;
