package crm_test

import (
	"testing"

	"github.com/leadgen/leadgen/crm/crmtest"
)

func TestMain(m *testing.M) { crmtest.Main(m) }
