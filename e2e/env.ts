/** Where the test server listens and who signs in; shared by the setup and the specs. */
export const PORT = Number(process.env.E2E_PORT ?? 8437);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export const ADMIN = { email: 'admin@e2e.test', password: 'Admin-pass-123', name: 'Ada Admin' };
export const VIEWER = { email: 'viewer@e2e.test', password: 'Viewer-pass-123', name: 'Vic Viewer' };
export const CUSTOMER = { email: 'buyer@e2e.test', password: 'Buyer-pass-123', name: 'Cora Customer' };
export const PORTAL_COMPANY = 'Portal Textiles Ltd';

/** Access tokens live 3 s (ACCESS_TOKEN_EXPIRE_MINUTES=0.05) so the silent refresh is exercised. */
export const ACCESS_TOKEN_SECONDS = 3;
