/** Client-side hint only; the server has the final word and its 422 lands on the field. */
export const MIN_PASSWORD = 8;

export const passwordProblem = (value: string) =>
  value.length < MIN_PASSWORD ? `At least ${MIN_PASSWORD} characters` : null;
