type Child = Node | string | false | null | undefined
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>

/**
 * Creates an element. `on…` entries are listeners; `true` is an empty
 * attribute; `false`, null and undefined are left out. The first render is
 * plain DOM (no Preact): it is what every partner page downloads.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value)
    else if (value === true) element.setAttribute(name, '')
    else if (value !== false && value != null) element.setAttribute(name, String(value))
  }
  for (const child of children.flat()) if (child) element.append(child)
  return element
}

/**
 * Makes `parent`'s children exactly `nodes`, moving only what changed, so a
 * node that stays keeps its focus and state.
 */
export function syncChildren(parent: Node, nodes: Node[]): void {
  nodes.forEach((node, i) => {
    const at = parent.childNodes[i] ?? null
    if (at !== node) parent.insertBefore(node, at)
  })
  while (parent.childNodes.length > nodes.length) parent.lastChild?.remove()
}

/** Sets an element's text only when it changes: a live region must not repeat itself. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text
}
