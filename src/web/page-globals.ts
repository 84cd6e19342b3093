import { DEFAULT_FRAMEWORK_ID } from '../services/bundled-frameworks.ts';
import type { Viewer } from '../services/identity/viewer.ts';
import { hasRole } from '../services/identity/viewer.ts';

const FRAMEWORK_SECTIONS = [
  { id: 'archetypes', text: 'Archetypes', path: 'archetypes' },
  { id: 'requirements', text: 'Requirements', path: 'requirements' },
  { id: 'factors', text: 'Factors and levels', path: 'factors' },
  { id: 'questions', text: 'Product questions', path: 'question-sets' },
] as const;

/** Values every page template can use: the service name, the header navigation and account menu. */
export function pageGlobals() {
  return {
    serviceName: 'AI Confidence Hub',
    navigation(currentSection?: string, viewer?: Viewer | null) {
      const personal = viewer
        ? [{ id: 'assessment', text: 'My self-assessment', href: '/self-assessment' }, { id: 'journey', text: 'My learning journey', href: '/journey' }, { id: 'products', text: 'AI products', href: '/products' }, ...supervisorLinks(viewer), ...adminLinks(viewer), ...insightLinks(viewer)]
        : [];
      const framework = FRAMEWORK_SECTIONS.map((s) => ({ id: s.id, text: s.text, href: `/frameworks/${DEFAULT_FRAMEWORK_ID}/${s.path}` }));
      const items = [...personal, { id: 'catalogue', text: 'Learning catalogue', href: '/catalogue' }, ...framework, { id: 'frameworks', text: 'Frameworks', href: '/frameworks' }];
      return items.map((item) => ({ text: item.text, href: item.href, active: item.id === currentSection }));
    },
    accountMenu(viewer?: Viewer | null, unreadNotifications?: number) {
      if (!viewer) return { items: [{ text: 'Sign in', href: '/sign-in' }] };
      const notifications = unreadNotifications ? `Notifications (${unreadNotifications} unread)` : 'Notifications';
      return {
        items: [
          // A CIS2 session names the role and organisation it acts in (issue 15).
          { text: viewer.signedInAs ? `${viewer.displayName} (${viewer.signedInAs.roleName}, ${viewer.signedInAs.organisationName})` : viewer.displayName, href: '/account', icon: true },
          { text: notifications, href: '/notifications' },
          // Credentials are the person's own, like notifications: beside them, not in the crowded service navigation.
          { text: 'My credentials', href: '/credentials' },
          { text: 'Sign out', href: '/sign-out' },
        ],
      };
    },
  };
}

function supervisorLinks(viewer: Viewer) {
  return hasRole(viewer, 'supervisor')
    ? [
        { id: 'staff', text: 'My staff', href: '/staff' },
        { id: 'verification', text: 'Verification queue', href: '/verification' },
      ]
    : [];
}

function adminLinks(viewer: Viewer) {
  return hasRole(viewer, 'organisation-admin') ? [{ id: 'organisation', text: 'Organisation', href: '/organisation' }] : [];
}

/** The same roles services.insightAccess.mayUseInsight grants; the pages themselves still check. */
function insightLinks(viewer: Viewer) {
  const mayUse = viewer.roles.includes('platform-admin') || viewer.roles.includes('organisation-admin') || viewer.roles.includes('workforce-lead');
  return mayUse ? [{ id: 'insight', text: 'Workforce insight', href: '/insight' }] : [];
}
