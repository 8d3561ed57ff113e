/** The welcome panel beside the sign-in form: what pfm is, for someone who has not used it yet. */
export function AuthAside() {
  const { t } = useTranslation();
  return (
    <div className="auth-aside" aria-hidden="true">
      <div className="auth-aside-inner">
        <div className="auth-logo">pfm</div>
        <h2>{t('login.asideTitle')}</h2>
        <p>{t('login.asideText')}</p>
        <ul>
          <li>{t('login.point1')}</li>
          <li>{t('login.point2')}</li>
          <li>{t('login.point3')}</li>
        </ul>
      </div>
    </div>
  );
}
import { useTranslation } from 'react-i18next';
