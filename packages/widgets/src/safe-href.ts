/** Config links may be relative, http(s) or mailto; anything else (`javascript:`) is dropped. */
export const safeHref = (href: string | undefined): string | undefined =>
  href && (/^(https?|mailto):/i.test(href) || !/^\s*[a-z][\w+.-]*:/i.test(href)) ? href : undefined;
