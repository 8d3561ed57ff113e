/** The welcome panel beside the sign-in form: what pfm is, for someone who has not used it yet. */
export function AuthAside() {
  return (
    <div className="auth-aside" aria-hidden="true">
      <div className="auth-aside-inner">
        <div className="auth-logo">pfm</div>
        <h2>Your money, on your device.</h2>
        <p>
          Track spending and income, keep budgets and savings goals, and sync every device when you choose.
        </p>
        <ul>
          <li>Works offline, data stays local</li>
          <li>Budgets, goals and clear reports</li>
          <li>One-click sync across devices</li>
        </ul>
      </div>
    </div>
  );
}
