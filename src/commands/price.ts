// `price <sku> <amount> [currency] [monthly|annual]`, `price list`, `price reset <sku|all>`: the
// tenant's own licence prices, kept in the bot's state, used by every card that shows money.
import { parsePriceArgument, PRICE_USAGE } from '../arguments/price';
import { pricesCard, priceText } from '../cards/licensing/prices-card';
import { LIST_CURRENCY } from '../reports/licensing/price-list';
import { priceBook, resolveSku } from '../reports/licensing/prices';
import { catalogName } from '../reports/licensing/sku-catalog';
import { PriceStore } from '../state/prices';
import { errorMessage } from '../messages/replies';
import type { Command, CommandContext } from '../dispatch/types';

export const priceCommand: Command = {
  name: 'price',
  aliases: ['prices'],
  usage: PRICE_USAGE,
  summary: "The licence prices `licenses` uses: Microsoft's list prices with their source and date, or yours.",
  details:
    "List prices are USD per user per month on annual commitment. Yours are per user per month in any currency; `monthly` or `annual` is your commitment term (a monthly seat can be cut next month, an annual one at the renewal). Kept in the bot's Blob Storage.",
  examples: ['price list', 'price ENTERPRISEPACK 26 USD annual', 'price Office 365 E3 22.50 EUR monthly', 'price reset ENTERPRISEPACK'],
  run: async (ctx) => {
    const parsed = parsePriceArgument(ctx.args);
    if (!parsed.ok) {
      await ctx.reply(errorMessage("I couldn't read that", parsed.message, undefined, `Usage: ${PRICE_USAGE}`));
      return;
    }
    const store = new PriceStore(ctx.services.state);
    const today = ctx.now().toISOString().slice(0, 10);
    if (parsed.kind === 'list') {
      await ctx.reply({ card: pricesCard(await store.all(), today) });
      return;
    }
    if (parsed.kind === 'reset') {
      const all = parsed.sku.toLowerCase() === 'all';
      const partNumber = all ? 'all' : ((await resolve(ctx, parsed.sku)) ?? parsed.sku);
      const removed = await store.reset(partNumber);
      ctx.log.info('price reset', { sku: partNumber, removed: removed.length });
      await ctx.reply({
        text:
          removed.length === 0
            ? `No price of yours was set for ${all ? 'any SKU' : partNumber}: the list price applies.`
            : `Removed your price for ${removed.join(', ')}: ${all ? 'list prices apply again' : describe(removed[0], today)}.`,
      });
      return;
    }
    const partNumber = await resolve(ctx, parsed.sku);
    if (!partNumber) {
      await ctx.reply(
        errorMessage(
          "I don't know that SKU",
          `"${parsed.sku.slice(0, 60)}" is neither a part number nor a product name of this tenant or Microsoft's catalogue.`,
          undefined,
          'Try the part number from `licenses`, e.g. price ENTERPRISEPACK 26',
        ),
      );
      return;
    }
    const currency = parsed.currency ?? LIST_CURRENCY;
    const term = parsed.term ?? 'annual';
    await store.set({
      partNumber,
      amount: parsed.amount,
      currency,
      term,
      setAt: ctx.now().toISOString(),
      setBy: ctx.caller.name || ctx.caller.aadObjectId,
    });
    ctx.log.info('price set', { sku: partNumber, currency, term });
    const price = priceBook({ [partNumber]: { partNumber, amount: parsed.amount, currency, term, setAt: '', setBy: '' } }, today).priceOf(
      partNumber,
    )!;
    await ctx.reply({
      text: `${catalogName(partNumber) ?? partNumber} (${partNumber}) now costs ${priceText(price)} on this tenant's licence cards. Undo: price reset ${partNumber}`,
    });
  },
};

/** The tenant's own SKUs first (a name may match several in Microsoft's catalogue). */
async function resolve(ctx: CommandContext, text: string): Promise<string | null> {
  let tenantSkus: { skuId: string; skuPartNumber: string }[] = [];
  try {
    tenantSkus = await ctx.services.tenant.graph.listSubscribedSkus();
  } catch (err) {
    ctx.log.warn('price: subscriptions unreadable, matching the catalogue only', { error: (err as Error).message });
  }
  return resolveSku(text, tenantSkus);
}

function describe(partNumber: string, today: string): string {
  const price = priceBook({}, today).priceOf(partNumber);
  return price ? `the list price ${priceText(price)} applies` : 'it has no price now';
}
