import { PasswordInput as MantinePasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * Mantine's PasswordInput marks an error with `data-invalid` only; its inner input never gets
 * `aria-invalid`, so a screen reader would not say that the field is wrong. This one does, like
 * every other input.
 */
export function PasswordInput(props: PasswordInputProps) {
  return <MantinePasswordInput aria-invalid={props.error ? true : undefined} {...props} />;
}
