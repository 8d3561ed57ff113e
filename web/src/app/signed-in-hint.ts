// Whether this browser was signed in when it last knew: then the app starts loading the page's data while the
// server confirms the session, instead of one round trip after. It holds no name and no secret.
const KEY = 'pfm.signedIn';

export function probablySignedIn(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage disabled: wait for the session check
  }
}

export function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // storage disabled: every start waits for the session check, as without the hint
  }
}
