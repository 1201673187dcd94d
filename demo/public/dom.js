// A tiny element builder: text always goes in as text, never as HTML (customer names are
// user input).

/** h('button', { class: 'primary', onclick }, 'Send') */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === false || value === null) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name in el && name !== 'list' && name !== 'form') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });
export const eur = (n) => money.format(n);

const dates = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
export const date = (day) => {
  const [y, m, d] = day.split('-').map(Number);
  return dates.format(new Date(y, m - 1, d));
};
