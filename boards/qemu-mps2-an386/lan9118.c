/* SPDX-License-Identifier: MIT */
/*
 * SMSC LAN9118 lwIP netif driver, polled (see lan9118.h). Register names and bits from the
 * SMSC LAN9118 datasheet (revision 1.5): system CSRs memory-mapped, MAC CSRs through
 * MAC_CSR_CMD/MAC_CSR_DATA, PHY registers through the MAC's MII_ACC/MII_DATA.
 *
 * Every wait on the chip is bounded (a chip that stops answering makes the caller fail,
 * never hang). No heap: frames go straight between the FIFOs and lwIP's pbufs.
 */
#include <string.h>
#include "lan9118.h"
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "netif/ethernet.h"

/* System control and status registers (byte offsets). */
#define RX_DATA_FIFO 0x00
#define TX_DATA_FIFO 0x20
#define RX_STATUS_FIFO 0x40
#define TX_STATUS_FIFO 0x48
#define ID_REV 0x50
#define IRQ_CFG 0x54
#define INT_STS 0x58
#define INT_EN 0x5C
#define BYTE_TEST 0x64
#define RX_CFG 0x6C
#define TX_CFG 0x70
#define HW_CFG 0x74
#define RX_FIFO_INF 0x7C
#define TX_FIFO_INF 0x80
#define PMT_CTRL 0x84
#define MAC_CSR_CMD 0xA4
#define MAC_CSR_DATA 0xA8
#define AFC_CFG 0xAC

#define BYTE_TEST_VALUE 0x87654321u
#define ID_LAN9118 0x0118u
#define HW_CFG_SRST (1u << 0)
#define HW_CFG_MBO (1u << 20)       /* must be one */
#define HW_CFG_TX_FIF_SZ(k) ((uint32_t)(k) << 16) /* TX FIFO in KiB (RX gets the rest) */
#define PMT_CTRL_READY (1u << 0)
#define TX_CFG_TX_ON (1u << 1)
#define AFC_CFG_DEFAULT 0x006E3740u /* flow-control levels the datasheet recommends */
#define MAC_CSR_BUSY (1u << 31)
#define MAC_CSR_READ (1u << 30)

/* TX command words. */
#define TXA_FIRST_SEG (1u << 13)
#define TXA_LAST_SEG (1u << 12)
/* RX and TX status words. */
#define RXS_ERROR (1u << 15)
#define RXS_LENGTH(s) (((s) >> 16) & 0x3FFFu) /* frame length including the 4-byte CRC */
#define TXS_ERROR (1u << 15)

/* MAC CSRs. */
#define MAC_CR 1
#define MAC_ADDRH 2
#define MAC_ADDRL 3
#define MAC_MII_ACC 6
#define MAC_MII_DATA 7
#define MAC_CR_RXEN (1u << 2)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_FDPX (1u << 20)
#define MII_BUSY (1u << 0)
#define MII_WRITE (1u << 1)
#define PHY_ADDR 1u /* the internal PHY */

/* PHY registers (IEEE 802.3 clause 22). */
#define PHY_BCR 0
#define PHY_BSR 1
#define PHY_ANAR 4
#define BCR_RESET (1u << 15)
#define BCR_ANEG_ENABLE (1u << 12)
#define BCR_ANEG_RESTART (1u << 9)
#define BSR_LINK (1u << 2)
#define ANAR_10_100_ALL 0x01E1u /* 10/100, half and full duplex, IEEE 802.3 selector */

#define SPIN_LIMIT 100000u /* register polls before a wait gives up */
#define ETH_FRAME_MAX 1514u
#define LINK_CHECK_MS 500u

static inline uint32_t rd(const lan9118_t *n, uint32_t off)
{
    return *(volatile const uint32_t *)(n->base + off);
}

static inline void wr(const lan9118_t *n, uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(n->base + off) = v;
}

static int mac_wait(const lan9118_t *n)
{
    uint32_t i;
    for (i = 0; i < SPIN_LIMIT; i++)
        if ((rd(n, MAC_CSR_CMD) & MAC_CSR_BUSY) == 0)
            return 0;
    return -1;
}

static int mac_read(const lan9118_t *n, uint32_t reg, uint32_t *v)
{
    if (mac_wait(n) != 0)
        return -1;
    wr(n, MAC_CSR_CMD, MAC_CSR_BUSY | MAC_CSR_READ | reg);
    if (mac_wait(n) != 0)
        return -1;
    *v = rd(n, MAC_CSR_DATA);
    return 0;
}

static int mac_write(const lan9118_t *n, uint32_t reg, uint32_t v)
{
    if (mac_wait(n) != 0)
        return -1;
    wr(n, MAC_CSR_DATA, v);
    wr(n, MAC_CSR_CMD, MAC_CSR_BUSY | reg);
    return mac_wait(n);
}

static int mii_wait(const lan9118_t *n)
{
    uint32_t i, v;
    for (i = 0; i < SPIN_LIMIT; i++) {
        if (mac_read(n, MAC_MII_ACC, &v) != 0)
            return -1;
        if ((v & MII_BUSY) == 0)
            return 0;
    }
    return -1;
}

static int phy_read(const lan9118_t *n, uint32_t reg, uint32_t *v)
{
    if (mii_wait(n) != 0 || mac_write(n, MAC_MII_ACC, (PHY_ADDR << 11) | (reg << 6) | MII_BUSY) != 0 ||
        mii_wait(n) != 0 || mac_read(n, MAC_MII_DATA, v) != 0)
        return -1;
    *v &= 0xFFFFu;
    return 0;
}

static int phy_write(const lan9118_t *n, uint32_t reg, uint32_t v)
{
    if (mii_wait(n) != 0 || mac_write(n, MAC_MII_DATA, v) != 0 ||
        mac_write(n, MAC_MII_ACC, (PHY_ADDR << 11) | (reg << 6) | MII_WRITE | MII_BUSY) != 0)
        return -1;
    return mii_wait(n);
}

int lan9118_link_up(struct netif *netif)
{
    uint32_t bsr;
    const lan9118_t *n = netif->state;
    /* BSR's link bit latches low: read twice for the current state. */
    if (phy_read(n, PHY_BSR, &bsr) != 0 || phy_read(n, PHY_BSR, &bsr) != 0)
        return 0;
    return (bsr & BSR_LINK) != 0;
}

/* Reads and drops the rest of a frame from the RX data FIFO. (The chip's RX_DP_CTRL
 * fast-forward would be quicker for long frames, but QEMU's model of it loses FIFO
 * accounting; frames dropped here are rare.) */
static void rx_discard(const lan9118_t *n, uint32_t words)
{
    while (words-- > 0)
        (void)rd(n, RX_DATA_FIFO);
}

/* Copies a frame of len bytes (words FIFO words, CRC included) into the pbuf chain p. */
static void rx_read(const lan9118_t *n, struct pbuf *p, uint32_t words, uint32_t len)
{
    if (p->next == NULL) {
        /* The usual case: one pool buffer holds the frame; its payload is word-aligned. */
        uint8_t *d = p->payload;
        uint32_t full = len / 4u, i, w;
        for (i = 0; i < full; i++) {
            w = rd(n, RX_DATA_FIFO);
            memcpy(d + 4u * i, &w, 4);
        }
        words -= full;
        if (len % 4u != 0) {
            w = rd(n, RX_DATA_FIFO);
            memcpy(d + 4u * full, &w, len % 4u);
            words--;
        }
    } else {
        /* A chain: byte by byte across its buffers. */
        struct pbuf *q = p;
        uint32_t off = 0, done = 0;
        while (done < len) {
            uint32_t w = rd(n, RX_DATA_FIFO), k;
            words--;
            for (k = 0; k < 4u && done < len; k++, done++) {
                while (off == q->len) {
                    q = q->next;
                    off = 0;
                }
                ((uint8_t *)q->payload)[off++] = (uint8_t)(w >> (8u * k));
            }
        }
    }
    rx_discard(n, words); /* the CRC */
}

static void check_link(struct netif *netif)
{
    lan9118_t *n = netif->state;
    uint32_t now = sys_now();
    int up;
    if ((int32_t)(now - n->next_link_check_ms) < 0)
        return;
    n->next_link_check_ms = now + LINK_CHECK_MS;
    n->link_checks++;
    up = lan9118_link_up(netif);
    if (up && !netif_is_link_up(netif))
        netif_set_link_up(netif);
    else if (!up && netif_is_link_up(netif))
        netif_set_link_down(netif);
}

int lan9118_rx_pending(const lan9118_t *n)
{
    return ((rd(n, RX_FIFO_INF) >> 16) & 0xFFu) != 0;
}

int lan9118_poll(struct netif *netif, int max_frames)
{
    lan9118_t *n = netif->state;
    int handed = 0;
    while (handed < max_frames && ((rd(n, RX_FIFO_INF) >> 16) & 0xFFu) != 0) {
        uint32_t status = rd(n, RX_STATUS_FIFO);
        uint32_t len = RXS_LENGTH(status), words = (len + 3u) / 4u;
        struct pbuf *p;
        if ((status & RXS_ERROR) || len < 14u + 4u || len > ETH_FRAME_MAX + 4u) {
            n->rx_errors++;
            rx_discard(n, words);
            continue;
        }
        p = pbuf_alloc(PBUF_RAW, (u16_t)(len - 4u), PBUF_POOL);
        if (p == NULL) {
            n->rx_no_pbuf++; /* TCP sends it again; other frames are best effort anyway */
            rx_discard(n, words);
            continue;
        }
        rx_read(n, p, words, len - 4u);
        n->rx_frames++;
        handed++;
        if (netif->input(p, netif) != ERR_OK)
            pbuf_free(p);
    }
    check_link(netif);
    return handed;
}

static err_t lan9118_output(struct netif *netif, struct pbuf *p)
{
    lan9118_t *n = netif->state;
    uint32_t len = p->tot_len, acc = 0, i;
    unsigned nacc = 0;
    const struct pbuf *q;

    if (len > ETH_FRAME_MAX)
        return ERR_BUF;
    /* Room for the two command words and the data (TDFREE counts bytes). */
    for (i = 0; (rd(n, TX_FIFO_INF) & 0xFFFFu) < len + 8u; i++) {
        if (i == SPIN_LIMIT) {
            n->tx_fifo_full++;
            return ERR_IF;
        }
    }
    wr(n, TX_DATA_FIFO, TXA_FIRST_SEG | TXA_LAST_SEG | len);
    wr(n, TX_DATA_FIFO, (len << 16) | len); /* packet tag (the length), packet length */
    for (q = p; q != NULL; q = q->next) {
        const uint8_t *b = q->payload;
        uint32_t k = q->len;
        if (nacc == 0)
            for (; k >= 4u; k -= 4u, b += 4) {
                uint32_t w;
                memcpy(&w, b, 4);
                wr(n, TX_DATA_FIFO, w);
            }
        for (; k > 0; k--) {
            acc |= (uint32_t)*b++ << (8u * nacc);
            if (++nacc == 4u) {
                wr(n, TX_DATA_FIFO, acc);
                acc = 0;
                nacc = 0;
            }
        }
    }
    if (nacc != 0)
        wr(n, TX_DATA_FIFO, acc);
    n->tx_frames++;
    /* The chip reports each frame's outcome in the TX status FIFO: read them all, so that it
     * never fills (a full status FIFO stops the transmitter). */
    while (((rd(n, TX_FIFO_INF) >> 16) & 0xFFu) != 0)
        if (rd(n, TX_STATUS_FIFO) & TXS_ERROR)
            n->tx_errors++;
    return ERR_OK;
}

err_t lan9118_netif_init(struct netif *netif)
{
    lan9118_t *n = netif->state;
    uint32_t i, lo, hi, bcr = BCR_RESET;

    if (n == NULL || rd(n, BYTE_TEST) != BYTE_TEST_VALUE || (rd(n, ID_REV) >> 16) != ID_LAN9118)
        return ERR_IF;
    wr(n, HW_CFG, HW_CFG_SRST);
    for (i = 0; (rd(n, HW_CFG) & HW_CFG_SRST) || !(rd(n, PMT_CTRL) & PMT_CTRL_READY); i++)
        if (i == SPIN_LIMIT)
            return ERR_IF;
    wr(n, INT_EN, 0);              /* polled: no interrupt sources ... */
    wr(n, INT_STS, 0xFFFFFFFFu);
    wr(n, IRQ_CFG, 0);             /* ... and the IRQ pin disabled */
    wr(n, HW_CFG, HW_CFG_MBO | HW_CFG_TX_FIF_SZ(5));
    wr(n, AFC_CFG, AFC_CFG_DEFAULT);

    /* The MAC address the chip loaded from its EEPROM at reset. */
    if (mac_read(n, MAC_ADDRL, &lo) != 0 || mac_read(n, MAC_ADDRH, &hi) != 0)
        return ERR_IF;
    netif->hwaddr[0] = (u8_t)lo;
    netif->hwaddr[1] = (u8_t)(lo >> 8);
    netif->hwaddr[2] = (u8_t)(lo >> 16);
    netif->hwaddr[3] = (u8_t)(lo >> 24);
    netif->hwaddr[4] = (u8_t)hi;
    netif->hwaddr[5] = (u8_t)(hi >> 8);
    netif->hwaddr_len = ETH_HWADDR_LEN;
    if ((netif->hwaddr[0] & 1u) || (lo == 0 && (hi & 0xFFFFu) == 0))
        return ERR_IF; /* no EEPROM, or a multicast address: a board must set one */

    /* PHY: reset, advertise 10/100 both duplexes, auto-negotiate. */
    if (phy_write(n, PHY_BCR, BCR_RESET) != 0)
        return ERR_IF;
    for (i = 0; bcr & BCR_RESET; i++)
        if (i == SPIN_LIMIT || phy_read(n, PHY_BCR, &bcr) != 0)
            return ERR_IF;
    if (phy_write(n, PHY_ANAR, ANAR_10_100_ALL) != 0 ||
        phy_write(n, PHY_BCR, BCR_ANEG_ENABLE | BCR_ANEG_RESTART) != 0)
        return ERR_IF;

    wr(n, RX_CFG, 0); /* no RX data offset, no end padding */
    wr(n, TX_CFG, TX_CFG_TX_ON);
    if (mac_write(n, MAC_CR, MAC_CR_TXEN | MAC_CR_RXEN | MAC_CR_FDPX) != 0)
        return ERR_IF;

    netif->name[0] = 'e';
    netif->name[1] = 'n';
    netif->mtu = 1500;
    netif->output = etharp_output;
    netif->linkoutput = lan9118_output;
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    if (lan9118_link_up(netif))
        netif->flags |= NETIF_FLAG_LINK_UP;
    n->next_link_check_ms = sys_now() + LINK_CHECK_MS;
    return ERR_OK;
}
