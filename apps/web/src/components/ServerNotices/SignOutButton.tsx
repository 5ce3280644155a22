import { LOGOUT_PATH } from '../../transport/auth.ts';
import './ServerNotices.css';

/** Ends the session (servers started with --token); a plain form, so it works without script. */
export function SignOutButton() {
  return (
    <form className="signout" method="post" action={LOGOUT_PATH}>
      <button type="submit" className="chip chip--button signout__button" data-testid="sign-out">
        Sign out
      </button>
    </form>
  );
}
