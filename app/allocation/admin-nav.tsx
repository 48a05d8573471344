import { NavLink } from '@remix-run/react'
import { useMessages } from '#app/i18n/use-messages.ts'

/** The administrator's pages for the allocation: quick calculation, scenarios, inhabitants. */
export function AllocationAdminNav() {
  const m = useMessages()
  return (
    <nav aria-label={m.scenarios.navLabel} className="sub-nav">
      <ul>
        <li>
          <NavLink to="/beheer/verdeling" end>
            {m.scenarios.navQuick}
          </NavLink>
        </li>
        <li>
          <NavLink to="/beheer/scenarios">{m.scenarios.navScenarios}</NavLink>
        </li>
        <li>
          <NavLink to="/beheer/inwoners">{m.scenarios.navPopulation}</NavLink>
        </li>
      </ul>
    </nav>
  )
}
