import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFlask } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Outlet, NavLink as RouterNavLink, useLocation } from 'react-router';
import { NotificationBell } from '../../features/notifications/components/NotificationBell';
import { useMe } from '../../lib/auth/useAuth';
import { navFor, navSections } from '../navigation';
import { Breadcrumbs } from './Breadcrumbs';
import { CrumbProvider } from './crumbs';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

/** The frame around every signed-in page: header, navigation by role, breadcrumbs, content. */
export function Shell() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile menu on every navigation
  useEffect(() => close(), [location.pathname, close]);
  const items = navFor(me.role);
  // The one entry for this page: the longest whose path is the location or a parent of it
  // (on /portal/requests, "My requests" and not "My company" as well).
  const current = items
    .filter((i) => location.pathname === i.to || (i.to !== '/' && location.pathname.startsWith(`${i.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Link to="/" aria-label="Labline home" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group gap={6} wrap="nowrap">
                <IconFlask size={22} aria-hidden color="var(--mantine-color-blue-6)" />
                <Text fw={700} size="lg">
                  Labline
                </Text>
              </Group>
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <ThemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {navSections(items).map((section) => (
            <Box
              key={section.group ?? section.items[0].to}
              component={section.group ? 'section' : 'div'}
              aria-label={section.group}
            >
              {section.group && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="sm" mb={4} aria-hidden>
                  {section.group}
                </Text>
              )}
              {section.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={RouterNavLink}
                  to={item.to}
                  // a parent path (/portal) is current only on itself, not on its children's pages
                  end={item.to === '/' || items.some((o) => o.to.startsWith(`${item.to}/`))}
                  label={item.label}
                  leftSection={<item.icon size={18} aria-hidden />}
                  active={item === current}
                />
              ))}
            </Box>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <CrumbProvider>
          <Breadcrumbs />
          <Outlet />
        </CrumbProvider>
      </AppShell.Main>
    </AppShell>
  );
}
