/**
 * Who the demo's money went to or came from, and its tags: merchant names per kind of purchase, and the few
 * tags a person adds by hand ("holiday" for a week away, "work" for costs an employer repays, "kids").
 */

// By the demo's note of an expense.
const MERCHANTS: Readonly<Record<string, readonly string[]>> = {
  Groceries: ['FreshMart', 'Corner Grocer', 'Green Basket'],
  Lunch: ['Noodle Bar', 'Deli Express', 'The Canteen'],
  Bakery: ['Golden Crust Bakery'],
  'Dinner out': ['Trattoria Roma', 'Spice Garden', 'Harbour Grill'],
  Coffee: ['Bean There', 'Daily Grind'],
  Market: ['Farmers Market'],
  'Metro pass': ['City Transit'],
  Fuel: ['Shell', 'Fuel Stop'],
  Taxi: ['QuickCab'],
  'Train ticket': ['National Rail'],
  Parking: ['ParkRight'],
  Electricity: ['Bright Energy'],
  Water: ['City Water'],
  Internet: ['FibreNet'],
  Phone: ['Mobile One'],
  Pharmacy: ['Wellness Pharmacy'],
  Dentist: ['Smile Dental'],
  Gym: ['FitLife Gym'],
  Cinema: ['Odeon Cinema'],
  Concert: ['Ticket Hub'],
  Streaming: ['StreamFlix'],
  Books: ['Chapter One Books'],
  Clothes: ['Urban Threads', 'Style House'],
  Electronics: ['TechWorld'],
  'Home goods': ['HomeStore'],
  Gift: ['Gift Corner', 'Toy Palace'],
  Haircut: ['Sharp Cuts'],
  'Post office': ['Post Office'],
  Donation: ['Red Cross'],
};

export const RENT_PAYEE = 'City Lettings';
export const EMPLOYER = 'Northwind Ltd';
export const CLIENTS = ['Studio Blue', 'Acme Design', 'Lumen Apps'] as const;
/** The supermarket of the split shopping trip: food and household goods on one receipt. */
export const SUPERMARKET = 'MegaMart';

/** The payee of a demo expense with this note, chosen with `pick`. */
export function merchantFor(note: string, pick: <T>(list: readonly T[]) => T): string | null {
  const names = MERCHANTS[note];
  return names ? pick(names) : null;
}

/**
 * Tags of a demo expense: purchases during the holiday week are "holiday", taxis and train tickets sometimes
 * "work", gifts, cinema and the dentist sometimes "kids". `chance` draws a number in [0, 1).
 */
export function demoTags(category: string, note: string, onHoliday: boolean, chance: () => number): string[] {
  const tags: string[] = [];
  if (onHoliday && ['Food', 'Transport', 'Entertainment', 'Shopping'].includes(category))
    tags.push('holiday');
  if (['Taxi', 'Train ticket', 'Lunch'].includes(note) && chance() < 0.3) tags.push('work');
  if (['Gift', 'Cinema', 'Dentist', 'Clothes'].includes(note) && chance() < 0.4) tags.push('kids');
  return tags;
}
