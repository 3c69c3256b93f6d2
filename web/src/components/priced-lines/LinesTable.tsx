import { Table, Text } from '@mantine/core';
import { formatMoney } from '../../lib/money';

interface PricedLine {
  description: string;
  quantity: string;
  unit_price: string;
  discount_pct: string;
  line_total: string;
}

/** Priced lines and totals exactly as the server computed them (a quote, an order). */
export function LinesTable({
  doc,
}: {
  doc: {
    lines: PricedLine[];
    subtotal: string;
    tax_rate: string;
    tax_amount: string;
    total: string;
    currency: string;
  };
}) {
  const rate = doc.tax_rate.replace(/\.?0+$/, '');
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table data-testid="priced-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Description</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th ta="right">Disc. %</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  No lines yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {doc.lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; their order is the document's
            <Table.Tr key={i}>
              <Table.Td>{l.description}</Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(l.unit_price)}
              </Table.Td>
              <Table.Td ta="right">{l.discount_pct === '0.00' ? '—' : l.discount_pct}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(l.line_total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={4} ta="right">
              Subtotal
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatMoney(doc.subtotal)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td colSpan={4} ta="right">
              Tax {rate || '0'} %
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatMoney(doc.tax_amount)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td colSpan={4} ta="right" fw={700}>
              Total {doc.currency}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" fw={700} data-testid="doc-total">
              {formatMoney(doc.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
