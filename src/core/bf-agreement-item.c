/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement-item"

#include "config.h"

#include "bf-agreement-item.h"

struct _BfAgreementItem
{
  GObject            parent_instance;

  /* Owned */
  char              *id;
  char              *tenant_name;
  char              *address;
  char              *unit;
  char              *next_evaluation;
  char              *last_contact;
  char              *updated_at;
  BfAgreementState   state;
  BfAgreementBadges  badges;
};

G_DEFINE_FINAL_TYPE (BfAgreementItem, bf_agreement_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TENANT_NAME,
  PROP_ADDRESS,
  PROP_UNIT,
  PROP_STATE,
  PROP_NEXT_EVALUATION,
  PROP_LAST_CONTACT,
  PROP_UPDATED_AT,
  PROP_BADGES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
bf_agreement_item_finalize (GObject *object)
{
  BfAgreementItem *self = (BfAgreementItem *)object;

  g_free (self->id);
  g_free (self->tenant_name);
  g_free (self->address);
  g_free (self->unit);
  g_free (self->next_evaluation);
  g_free (self->last_contact);
  g_free (self->updated_at);

  G_OBJECT_CLASS (bf_agreement_item_parent_class)->finalize (object);
}

static void
bf_agreement_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BfAgreementItem *self = BF_AGREEMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:              g_value_set_string (value, self->id); break;
    case PROP_TENANT_NAME:     g_value_set_string (value, self->tenant_name); break;
    case PROP_ADDRESS:         g_value_set_string (value, self->address); break;
    case PROP_UNIT:            g_value_set_string (value, self->unit); break;
    case PROP_STATE:           g_value_set_uint (value, self->state); break;
    case PROP_NEXT_EVALUATION: g_value_set_string (value, self->next_evaluation); break;
    case PROP_LAST_CONTACT:    g_value_set_string (value, self->last_contact); break;
    case PROP_UPDATED_AT:      g_value_set_string (value, self->updated_at); break;
    case PROP_BADGES:          g_value_set_uint (value, self->badges); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_item_class_init (BfAgreementItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bf_agreement_item_finalize;
  object_class->get_property = bf_agreement_item_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_TENANT_NAME] = g_param_spec_string ("tenant-name", NULL, NULL, NULL, flags);
  properties [PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties [PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  /* BfAgreementState and BfAgreementBadges have no GType; they travel as uint. */
  properties [PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_NEXT_EVALUATION] = g_param_spec_string ("next-evaluation", NULL, NULL, NULL, flags);
  properties [PROP_LAST_CONTACT] = g_param_spec_string ("last-contact", NULL, NULL, NULL, flags);
  properties [PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);
  properties [PROP_BADGES] = g_param_spec_uint ("badges", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bf_agreement_item_init (BfAgreementItem *self)
{
}

BfAgreementItem *
bf_agreement_item_new (const char        *id,
                       const char        *tenant_name,
                       const char        *address,
                       const char        *unit,
                       BfAgreementState   state,
                       const char        *next_evaluation,
                       const char        *last_contact,
                       const char        *updated_at,
                       BfAgreementBadges  badges)
{
  BfAgreementItem *self = g_object_new (BF_TYPE_AGREEMENT_ITEM, NULL);

  self->id = g_strdup (id);
  self->tenant_name = g_strdup (tenant_name);
  self->address = g_strdup (address);
  self->unit = g_strdup (unit);
  self->state = state;
  self->next_evaluation = g_strdup (next_evaluation);
  self->last_contact = g_strdup (last_contact);
  self->updated_at = g_strdup (updated_at);
  self->badges = badges;
  return self;
}

const char *
bf_agreement_item_get_id (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->id;
}

const char *
bf_agreement_item_get_tenant_name (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->tenant_name;
}

const char *
bf_agreement_item_get_address (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->address;
}

const char *
bf_agreement_item_get_unit (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->unit;
}

BfAgreementState
bf_agreement_item_get_state (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), BF_AGREEMENT_STATE_NONE);
  return self->state;
}

const char *
bf_agreement_item_get_next_evaluation (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->next_evaluation;
}

const char *
bf_agreement_item_get_last_contact (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->last_contact;
}

const char *
bf_agreement_item_get_updated_at (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), NULL);
  return self->updated_at;
}

BfAgreementBadges
bf_agreement_item_get_badges (BfAgreementItem *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ITEM (self), BF_AGREEMENT_BADGE_NONE);
  return self->badges;
}
