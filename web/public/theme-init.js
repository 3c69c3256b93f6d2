// Sets the colour scheme before the first paint so a dark-mode reload does not flash white.
// Mantine's localStorageColorSchemeManager keeps the choice under this key.
(() => {
  let dark = false;
  try {
    const stored = localStorage.getItem('mantine-color-scheme-value');
    dark = stored === 'dark' || (stored !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  } catch (_e) {
    // storage blocked: light
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
})();
