/**
 * What Slack refuses in Block Kit, checked the way Slack does (slack-platform notes §3.3; Slack's Block Kit
 * reference): the limits of each block and element, an `action_id` repeated within a block, a `block_id`
 * repeated within a message or view, an initial option that is not one of the options. The fake Slack
 * answers `invalid_blocks` (messages) or `invalid_arguments` (views) when this finds a problem, and the
 * renderer test runs it over every surface the app builds.
 */

type Obj = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

function checkText(problems: string[], where: string, v: unknown, max: number, plainOnly = false): void {
  if (v === undefined) return;
  if (!isObj(v) || typeof v.text !== 'string') {
    problems.push(`${where}: must be a text object`);
    return;
  }
  if (v.type !== 'plain_text' && v.type !== 'mrkdwn')
    problems.push(`${where}: unknown text type ${String(v.type)}`);
  if (plainOnly && v.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
  if (v.text.length > max) problems.push(`${where}: must be less than ${max + 1} characters`);
  if (v.text.length === 0) problems.push(`${where}: must not be empty`);
}

function checkOptions(
  problems: string[],
  where: string,
  options: unknown,
  max: number,
  valueMax = 150,
): Obj[] {
  if (!Array.isArray(options)) {
    problems.push(`${where}: options must be an array`);
    return [];
  }
  if (options.length > max) problems.push(`${where}: no more than ${max} options allowed`);
  if (options.length === 0) problems.push(`${where}: needs at least one option`);
  const values = new Set<string>();
  for (const [i, o] of options.entries()) {
    if (!isObj(o)) {
      problems.push(`${where}/${i}: must be an option object`);
      continue;
    }
    checkText(problems, `${where}/${i}/text`, o.text, 75);
    const value = typeof o.value === 'string' ? o.value : '';
    if (value.length > valueMax)
      problems.push(`${where}/${i}/value: must be less than ${valueMax + 1} characters`);
    if (values.has(value)) problems.push(`${where}/${i}/value: repeated option value "${value}"`);
    values.add(value);
    checkText(problems, `${where}/${i}/description`, o.description, 75);
  }
  return options.filter(isObj);
}

/** An initial option must be one of the options, exactly (Slack compares text and value). */
function checkInitial(problems: string[], where: string, initial: unknown, options: Obj[]): void {
  if (initial === undefined) return;
  const list = Array.isArray(initial) ? initial : [initial];
  for (const o of list) {
    const same = options.some((x) => JSON.stringify(x) === JSON.stringify(o));
    if (!same) problems.push(`${where}: initial option ${JSON.stringify(o)} is not one of the options`);
  }
}

function checkElement(problems: string[], where: string, e: unknown): void {
  if (!isObj(e)) {
    problems.push(`${where}: must be an element`);
    return;
  }
  const actionId = e.action_id;
  if (typeof actionId === 'string' && actionId.length > 255)
    problems.push(`${where}/action_id: must be less than 256 characters`);
  checkText(problems, `${where}/placeholder`, e.placeholder, 150, true);
  switch (e.type) {
    case 'button':
      checkText(problems, `${where}/text`, e.text, 75, true);
      if (typeof e.value === 'string' && e.value.length > 2000)
        problems.push(`${where}/value: must be less than 2001 characters`);
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
        problems.push(`${where}/style: must be primary or danger`);
      break;
    case 'static_select':
    case 'multi_static_select': {
      let options: Obj[] = [];
      if (e.option_groups !== undefined) {
        if (!Array.isArray(e.option_groups) || e.option_groups.length > 100)
          problems.push(`${where}/option_groups: no more than 100 groups allowed`);
        const groups = Array.isArray(e.option_groups) ? e.option_groups.filter(isObj) : [];
        for (const [g, group] of groups.entries()) {
          checkText(problems, `${where}/option_groups/${g}/label`, group.label, 75, true);
          options.push(...checkOptions(problems, `${where}/option_groups/${g}/options`, group.options, 100));
        }
        if (options.length > 100) problems.push(`${where}: no more than 100 options in all`);
      } else options = checkOptions(problems, `${where}/options`, e.options, 100);
      checkInitial(problems, `${where}/initial_option`, e.initial_option, options);
      checkInitial(problems, `${where}/initial_options`, e.initial_options, options);
      break;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const options = checkOptions(problems, `${where}/options`, e.options, 10);
      checkInitial(problems, `${where}/initial_option`, e.initial_option, options);
      checkInitial(problems, `${where}/initial_options`, e.initial_options, options);
      break;
    }
    case 'timepicker':
      if (e.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(e.initial_time)))
        problems.push(`${where}/initial_time: must be HH:mm`);
      break;
    case 'plain_text_input': {
      const max = typeof e.max_length === 'number' ? e.max_length : 3000;
      if (max > 3000) problems.push(`${where}/max_length: must be 3000 or less`);
      if (typeof e.initial_value === 'string' && e.initial_value.length > max)
        problems.push(`${where}/initial_value: longer than max_length`);
      break;
    }
    case 'datepicker':
    case 'overflow':
    case 'image':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      break;
    default:
      problems.push(`${where}: unknown element type ${String(e.type)}`);
  }
}

/** Everything Slack would refuse in these blocks, as readable problems (empty when Slack accepts them). */
export function blockKitProblems(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > MAX_BLOCKS[surface])
    problems.push(`no more than ${MAX_BLOCKS[surface]} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const where = `/blocks/${i}`;
    if (!isObj(b)) {
      problems.push(`${where}: must be a block`);
      continue;
    }
    if (b.block_id !== undefined) {
      const id = String(b.block_id);
      if (id.length > 255) problems.push(`${where}/block_id: must be less than 256 characters`);
      if (blockIds.has(id)) problems.push(`${where}/block_id: repeated block_id "${id}"`);
      blockIds.add(id);
    }
    switch (b.type) {
      case 'section':
        if (b.text === undefined && b.fields === undefined) problems.push(`${where}: needs text or fields`);
        checkText(problems, `${where}/text`, b.text, 3000);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length > 10)
            problems.push(`${where}/fields: no more than 10`);
          for (const [f, field] of (Array.isArray(b.fields) ? b.fields : []).entries())
            checkText(problems, `${where}/fields/${f}`, field, 2000);
        }
        if (b.accessory !== undefined) checkElement(problems, `${where}/accessory`, b.accessory);
        break;
      case 'header':
        checkText(problems, `${where}/text`, b.text, 150, true);
        break;
      case 'context': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (!elements.length || elements.length > 10) problems.push(`${where}/elements: 1 to 10 allowed`);
        for (const [k, el] of elements.entries()) {
          if (isObj(el) && el.type === 'image') continue;
          checkText(problems, `${where}/elements/${k}`, el, 3000);
        }
        break;
      }
      case 'actions': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (!elements.length || elements.length > 25) problems.push(`${where}/elements: 1 to 25 allowed`);
        const actionIds = new Set<string>();
        for (const [k, el] of elements.entries()) {
          checkElement(problems, `${where}/elements/${k}`, el);
          const id = isObj(el) && typeof el.action_id === 'string' ? el.action_id : undefined;
          if (id === undefined) continue;
          if (actionIds.has(id))
            problems.push(`${where}/elements/${k}/action_id: repeated action_id "${id}" in a block`);
          actionIds.add(id);
        }
        break;
      }
      case 'input':
        if (surface === 'message') problems.push(`${where}: input blocks belong in modals`);
        checkText(problems, `${where}/label`, b.label, 2000, true);
        checkText(problems, `${where}/hint`, b.hint, 2000, true);
        checkElement(problems, `${where}/element`, b.element);
        break;
      case 'divider':
        break;
      case 'image':
        if (typeof b.image_url !== 'string') problems.push(`${where}/image_url: required`);
        break;
      default:
        problems.push(`${where}: unknown block type ${String(b.type)}`);
    }
  }
  return problems;
}

/** A message's problems: its blocks and its fallback text. */
export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems = blockKitProblems(message.blocks, 'message');
  const t = typeof message.text === 'string' ? message.text : '';
  if (!t && message.blocks === undefined) problems.push('no_text');
  if (t.length > 40_000) problems.push('text: must be less than 40001 characters');
  return problems;
}

/** A modal's or Home tab's problems: the view's own fields, then its blocks. */
export function viewProblems(view: unknown): string[] {
  if (!isObj(view)) return ['view must be an object'];
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  const problems: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home')
    problems.push(`type: unknown view type ${String(view.type)}`);
  if (surface === 'modal') {
    checkText(problems, 'title', view.title, 24, true);
    if (view.title === undefined) problems.push('title: required');
    checkText(problems, 'submit', view.submit, 24, true);
    checkText(problems, 'close', view.close, 24, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) problems.push('submit: required with input blocks');
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
    problems.push('private_metadata: must be less than 3001 characters');
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255)
    problems.push('callback_id: must be less than 256 characters');
  return [...problems, ...blockKitProblems(view.blocks, surface)];
}
